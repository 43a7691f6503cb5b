"""Small Dutch text helpers for rule messages (numbers and dates: ``sto.formatting``)."""


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
