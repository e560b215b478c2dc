"""Reading and checking an official candidate list (CSV or XLSX) before it is imported.

Nothing here writes: ``parse_rows`` turns a file into rows, ``check_rows`` validates
every row and says what is wrong with each, in Vietnamese-first messages.
elections/services.py ``candidates_import`` writes the rows only if all of them pass.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from core.text import fold
from elections.choices import BallotLevel, Gender, NominationType
from elections.text import name_sort_key

MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the heading official lists use
    required: bool = False


COLUMNS = [
    Column("unit", "Đơn vị bầu cử số", required=True),
    Column("ward_code", "Mã phường, xã"),
    Column("list_order", "Số thứ tự"),
    Column("full_name", "Họ và tên", required=True),
    Column("date_of_birth", "Ngày sinh", required=True),
    Column("gender", "Giới tính", required=True),
    Column("hometown", "Quê quán"),
    Column("ethnicity", "Dân tộc"),
    Column("religion", "Tôn giáo"),
    Column("education", "Trình độ giáo dục phổ thông"),
    Column("qualification", "Trình độ chuyên môn, nghiệp vụ"),
    Column("occupation", "Nghề nghiệp, chức vụ"),
    Column("workplace", "Nơi công tác"),
    Column("party_joined_on", "Ngày vào Đảng"),
    Column("current_deputy", "Là đại biểu"),
    Column("nomination_type", "Hình thức ứng cử"),
    Column("source_page", "Trang"),
]
_TEXT_LIMITS = {
    "full_name": 120,
    "hometown": 255,
    "ethnicity": 64,
    "religion": 64,
    "education": 64,
    "qualification": 255,
    "occupation": 500,
    "workplace": 255,
    "current_deputy": 255,
    "source_page": 32,
}
_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}
_NOMINATIONS = {
    "": "",
    "gioi thieu": NominationType.NOMINATED,
    "duoc gioi thieu": NominationType.NOMINATED,
    "nominated": NominationType.NOMINATED,
    "tu ung cu": NominationType.SELF,
    "self": NominationType.SELF,
}


def _header_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(str(text or ""))))


_ALIASES = {}
for _column in COLUMNS:
    _ALIASES[_header_key(_column.header)] = _column.key
    _ALIASES[_header_key(_column.key.replace("_", " "))] = _column.key
_ALIASES[_header_key("STT")] = "list_order"


class FileError(Exception):
    """The file cannot be read as a table, or its columns are wrong."""


def parse_rows(content: bytes, file_name: str) -> tuple[list[str], list[dict]]:
    """(column keys, rows as {key: text}) of a CSV (UTF-8) or XLSX file."""
    name = file_name.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.endswith(".csv"):
        table = _csv_table(content)
    else:
        raise FileError(_("Please upload a .csv or .xlsx file."))
    table = [row for row in table if any(str(cell or "").strip() for cell in row)]
    if not table:
        raise FileError(_("The file is empty."))
    headers = table[0]
    keys, unknown = [], []
    for header in headers:
        key = _ALIASES.get(_header_key(header))
        if key is None and str(header or "").strip():
            unknown.append(str(header))
        keys.append(key)
    problems = []
    if unknown:
        problems.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    repeated = sorted({k for k in keys if k and keys.count(k) > 1})
    if repeated:
        headers_by_key = {c.key: c.header for c in COLUMNS}
        problems.append(
            _("Columns given twice: %(columns)s.")
            % {"columns": ", ".join(headers_by_key[k] for k in repeated)}
        )
    if problems:
        raise FileError(" ".join(problems))
    if len(table) - 1 > MAX_ROWS:
        raise FileError(_("At most %(count)d rows per file.") % {"count": MAX_ROWS})
    rows = []
    for cells in table[1:]:
        row = {}
        for key, cell in zip(keys, cells, strict=False):
            if key:
                row[key] = cell
        rows.append(row)
    return [k for k in keys if k], rows


def _csv_table(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(_("The CSV file must be saved as UTF-8.")) from error
    dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_table(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise FileError(_("This Excel file cannot be opened.")) from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


@dataclass
class RowResult:
    number: int  # as the editor sees it in the file: the header is row 1
    full_name: str
    errors: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    unit: object = None

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


UnitKey = tuple[str, int]  # (ward code or "", unit number)


def check_rows(
    rows: list[dict],
    *,
    level: str,
    units: dict[UnitKey, object],
    existing: set[tuple[int, str, date | None]],
) -> list[RowResult]:
    """Validate every row. ``units`` maps (ward code, number) to the unit (ward code "" for
    National Assembly and province units); ``existing`` holds (unit id, sort key, date of
    birth) of candidates already on those units, to catch a list imported twice."""
    results, seen, orders = [], {}, {}
    for index, row in enumerate(rows, start=2):
        result = RowResult(number=index, full_name=_text(row.get("full_name")))
        values = {}
        for key, limit in _TEXT_LIMITS.items():
            values[key] = _text(row.get(key))
            if len(values[key]) > limit:
                result.errors.append(
                    _("“%(column)s” is longer than %(limit)d characters.")
                    % {"column": _header(key), "limit": limit}
                )
        if not values["full_name"]:
            result.errors.append(_("The full name is missing."))
        bad_dates = set()
        for key in ("date_of_birth", "party_joined_on"):
            try:
                values[key] = _date(row.get(key))
            except ValueError:
                values[key] = None
                bad_dates.add(key)
                result.errors.append(
                    _("“%(value)s” in “%(column)s” is not a date (use dd/mm/yyyy).")
                    % {"value": _text(row.get(key))[:40], "column": _header(key)}
                )
        if values["date_of_birth"] is None and "date_of_birth" not in bad_dates:
            result.errors.append(_("The date of birth is missing."))
        gender = _GENDERS.get(fold(_text(row.get("gender"))))
        if gender is None:
            result.errors.append(
                _("The gender must be “Nam” or “Nữ”, not “%(value)s”.")
                % {"value": _text(row.get("gender"))[:20]}
            )
        values["gender"] = gender or ""
        nomination = _NOMINATIONS.get(fold(_text(row.get("nomination_type"))))
        if nomination is None:
            result.errors.append(
                _("The nomination must be “Được giới thiệu” or “Tự ứng cử”, not “%(value)s”.")
                % {"value": _text(row.get("nomination_type"))[:40]}
            )
        values["nomination_type"] = nomination or ""
        order_text = _text(row.get("list_order"))
        values["list_order"] = None
        if order_text:
            if order_text.isdigit() and 0 < int(order_text) < 1000:
                values["list_order"] = int(order_text)
            else:
                result.errors.append(
                    _("The list number “%(value)s” is not a whole number.")
                    % {"value": order_text[:20]}
                )
        unit_text, ward_code = _text(row.get("unit")), _text(row.get("ward_code"))
        if level == BallotLevel.WARD:
            ward_code = ward_code.zfill(5) if ward_code.isdigit() else ward_code
            if not ward_code:
                result.errors.append(_("The ward or commune code is missing."))
        else:
            ward_code = ""
        if not unit_text.isdigit():
            result.errors.append(
                _("The unit number “%(value)s” is not a number.") % {"value": unit_text[:20]}
            )
        elif level != BallotLevel.WARD or ward_code:
            unit = units.get((ward_code, int(unit_text)))
            if unit is None:
                result.errors.append(
                    _("There is no electoral unit number %(number)s here.") % {"number": unit_text}
                    if not ward_code
                    else _("There is no electoral unit number %(number)s in ward %(ward)s.")
                    % {"number": unit_text, "ward": ward_code}
                )
            elif unit.locked:
                result.errors.append(
                    _("%(unit)s is locked after verification; unlock it first.")
                    % {"unit": unit.name}
                )
            elif unit.live:
                result.errors.append(
                    _("%(unit)s is already published; importing would skip the check.")
                    % {"unit": unit.name}
                )
            else:
                result.unit = unit
        if result.unit is not None and values["full_name"]:
            key = (result.unit.pk, name_sort_key(values["full_name"]), values["date_of_birth"])
            if key in seen:
                result.errors.append(
                    _("Duplicate of row %(row)d (same name and date of birth in the same unit).")
                    % {"row": seen[key]}
                )
            elif key in existing:
                result.errors.append(_("This candidate is already on this unit's list."))
            seen.setdefault(key, index)
            if values["list_order"] is not None:
                order_key = (result.unit.pk, values["list_order"])
                if order_key in orders:
                    result.errors.append(
                        _("Row %(row)d already has list number %(number)d in this unit.")
                        % {"row": orders[order_key], "number": values["list_order"]}
                    )
                orders.setdefault(order_key, index)
        result.values = values
        results.append(result)
    return results


def _header(key: str) -> str:
    return next(column.header for column in COLUMNS if column.key == key)
