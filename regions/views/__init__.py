"""Pages of the region side: the reviewer's list, the region dashboard and its subpages, and
user management. Views are thin: scoped selectors read, forms check shape, services write."""
