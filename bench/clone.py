"""Make an N-times larger data set from an exported STO workbook.

Every copy gets fresh STO numbers and fresh, valid organisation keys of the same kind, so the
copy is a second country that passes every import check. Used to measure the pages and jobs at
ten times today's data.
"""

import itertools
import string

from openpyxl import Workbook, load_workbook

from reporting.workbook.schema import SHEETS

LETTERS = string.ascii_uppercase

# Which columns of each sheet hold an organisation key or an STO number.
ORG_COLUMNS = {"organisation_key", "lead_key", "key", "owner_key"}
REGION_COLUMNS = {"sto_number"}


def _key_generator(kind: str, taken: set[str]):
    if kind in ("vmbo", "po", "vso", "pro"):
        candidates = (
            f"{d:02d}{a}{b}{loc:02d}"
            for a, b in itertools.product(LETTERS, repeat=2)
            for d in range(100)
            for loc in (0, 1, 2)
        )
    elif kind in ("mbo", "hbo"):
        candidates = (
            f"{d:02d}{a}{b}" for a, b in itertools.product(LETTERS, repeat=2) for d in range(100)
        )
    elif kind == "company":
        candidates = (f"{n:08d}" for n in range(50_000_000, 99_999_999))
    elif kind == "municipality":
        candidates = (f"GM{n:04d}" for n in range(1, 10_000))
    else:
        candidates = (f"X{n:07d}" for n in itertools.count())
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            yield candidate


def clone_workbook(source_path, target_path, copies: int) -> dict[str, int]:
    """Write ``target_path`` holding the source data plus ``copies - 1`` renamed copies."""
    source = load_workbook(source_path, read_only=True)
    names = [spec.name for spec in SHEETS]
    sheets = {name: [list(r) for r in source[name].iter_rows(values_only=True)] for name in names}
    org_header = sheets["organisations"][0]
    key_i, kind_i = org_header.index("key"), org_header.index("kind")
    kinds = {row[key_i]: row[kind_i] for row in sheets["organisations"][1:]}
    taken = set(kinds)
    generators: dict[str, object] = {}
    regions = {row[0] for row in sheets["regions"][1:]}

    target = Workbook(write_only=True)
    counts = {}
    mappings = []
    for copy in range(copies):
        if copy == 0:
            mappings.append(({k: k for k in kinds}, {r: r for r in regions}))
            continue
        org_map = {}
        for key, kind in kinds.items():
            gen = generators.setdefault(kind, _key_generator(kind, taken))
            org_map[key] = next(gen)
        region_map = {r: f"STO{int(r[3:]) + 1000 * copy}" for r in regions}
        mappings.append((org_map, region_map))
    for name in names:
        rows = sheets[name]
        header = rows[0]
        ws = target.create_sheet(name)
        ws.append(header)
        if name == "periods":
            for row in rows[1:]:
                ws.append(row)
            counts[name] = len(rows) - 1
            continue
        org_cols = [i for i, h in enumerate(header) if h in ORG_COLUMNS]
        region_cols = [i for i, h in enumerate(header) if h in REGION_COLUMNS]
        n = 0
        for org_map, region_map in mappings:
            for row in rows[1:]:
                new = list(row)
                for i in org_cols:
                    if new[i]:
                        new[i] = org_map[new[i]]
                for i in region_cols:
                    if new[i]:
                        new[i] = region_map[new[i]]
                if name == "regions" and region_map[row[0]] != row[0]:
                    new[1] = f"{row[1]} ({region_map[row[0]]})"
                ws.append(new)
                n += 1
        counts[name] = n
    target.save(target_path)
    return counts
