"""The national demo data set of ``manage.py seed_demo``.

``generate.build_dataset`` builds it in memory from a seed (no database; the steps are in their
own modules, see ``generate``); ``load`` stores it through the workbook importer, validated like
an uploaded workbook, and creates the demo users. ``bijlage_a`` holds the fixed data (the 71
regions of Bijlage A of the monitor report, Amstelland, real municipalities); ``figures`` the
reference day and the seed; ``breakers`` the regions that break a rule on purpose.
"""
