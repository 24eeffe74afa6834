"""One plain description of an administrative document, rendered as PDF and as .docx.

A document is a :class:`Document` (page, margins, title) holding a list of blocks; each document
module of ``app.reports`` builds one ``Document`` from its inputs and hands it to both renderers:

- ``app.reports.pdf.render_pdf(doc, path)`` — ReportLab, the bundled fonts embedded;
- ``app.reports.word.render_docx(doc, path)`` — python-docx, real Word styles (Normal in Times New
  Roman 14, Heading 1/2), the national title block as a borderless table, page numbers from page 2
  as a PAGE field.

How to describe a new document::

    from app.reports import model as m

    doc = m.Document(
        title="Quyết định khen thưởng",
        blocks=[
            m.NationalHeader(parent="UBND HUYỆN PHỤNG HIỆP", office="ỦY BAN NHÂN DÂN",
                             number="Số: …/QĐ-UBND", place_date="Phụng Hiệp, ngày … "),
            m.TitleBlock("Quyết định", ("Về việc khen thưởng …",)),
            m.Paragraph.of("Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;"),
            m.Heading("QUYẾT ĐỊNH:", level=1, align=m.Align.CENTER),
            m.Paragraph.of(m.bold("Điều 1. "), "Tặng Giấy khen cho …"),
            m.Table(columns=(m.Column(12, "STT"), m.Column(80, "Tên tập thể")),
                    rows=(m.Row((m.Cell("1", align=m.Align.CENTER), m.Cell("Xã A")),),)),
            m.Signatures(left=m.CopyList(("Như Điều 3",), archive="VT"),
                         right=m.SignatureBlock(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name="…")),
        ],
    )

Rules of the description:
- Text is plain (never markup): the renderers escape and NFC-normalise it. Inline emphasis is a
  sequence of :class:`Run`; ``Paragraph.of("a", bold("b"), italic("c"))`` builds one.
- Sizes are points (text) and millimetres (page, spaces); table column widths are relative (they
  are scaled to the text width).
- Paragraph look is a :class:`Style` (body, heading…), which both renderers map to their styles.
- Layout promises (a table never ends a page with its header and one row; the signatures stay
  with the last ``keep_with_previous`` blocks; :class:`NeedSpace` starts a new page when less than
  its height is left) are kept by each renderer as far as its format allows (Word: keep-with-next
  and repeated header rows).
- Everything is frozen; lists are tuples. Additions to this module are only ever additive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# --- inline text -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


Inline = str | Run


def bold(text: str) -> Run:
    return Run(text, bold=True)


def italic(text: str) -> Run:
    return Run(text, italic=True)


def bold_italic(text: str) -> Run:
    return Run(text, bold=True, italic=True)


def runs(*parts: Inline) -> tuple[Run, ...]:
    """Plain strings as regular runs; empty parts dropped."""
    out = tuple(p if isinstance(p, Run) else Run(p) for p in parts)
    return tuple(r for r in out if r.text)


def plain_text(parts: tuple[Run, ...]) -> str:
    return "".join(r.text for r in parts)


# --- page ---------------------------------------------------------------------------------------


class Orientation(Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True, slots=True)
class Margins:
    """Millimetres; the defaults are Nghị định 30/2020's (top 20, bottom 20, left 30, right 15)."""

    top: float = 20.0
    bottom: float = 20.0
    left: float = 30.0
    right: float = 15.0


A4_MM = (210.0, 297.0)


# --- blocks ------------------------------------------------------------------------------------


class Style(Enum):
    """How a paragraph looks; each renderer maps a style to its own (Word: a named style).

    BODY: 14 pt, justified, first line indented 10 mm, 6 pt after (Word "Normal").
    BODY_NOINDENT: the same without the indent.
    HEADING: bold, as BODY, kept with the next block (Word "Heading 1": "I. …").
    SUBHEADING: bold, as BODY, kept with the next block (Word "Heading 2": "1. …").
    CENTER / CENTER_BOLD / CENTER_ITALIC: centred 14 pt.
    TABLE_TITLE: bold, indented, above a table (kept with it).
    SMALL / SMALL_ITALIC: 11 pt justified (notes, legends).
    """

    BODY = "body"
    BODY_NOINDENT = "body_noindent"
    HEADING = "heading"
    SUBHEADING = "subheading"
    CENTER = "center"
    CENTER_BOLD = "center_bold"
    CENTER_ITALIC = "center_italic"
    TABLE_TITLE = "table_title"
    SMALL = "small"
    SMALL_ITALIC = "small_italic"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of runs. ``keep_with_next`` keeps it on the page of the next block."""

    content: tuple[Run, ...]
    style: Style = Style.BODY
    keep_with_next: bool = False

    @classmethod
    def of(
        cls, *parts: Inline, style: Style = Style.BODY, keep_with_next: bool = False
    ) -> Paragraph:
        return cls(runs(*parts), style, keep_with_next)

    @property
    def text(self) -> str:
        return plain_text(self.content)


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading ('I. THÀNH PHẦN' level 1, '1. Thảo luận' level 2); kept with the next."""

    text: str
    level: int = 1
    align: Align = Align.JUSTIFY


@dataclass(frozen=True, slots=True)
class FillLine:
    """'label' followed by dots to the end of the line, to fill in by hand, then ``end``."""

    label: str = ""
    end: str = ""


@dataclass(frozen=True, slots=True)
class NationalHeader:
    """The two-column header of Nghị định 30: issuing body (parent above, office in bold, short
    rule) and number on the left; the national title and motto (rule) and the place/date line on
    the right. Empty ``number`` or ``place_date`` leaves that line out (Mẫu 1.9: no place/date).
    ``left_width_mm``: the left column's width (default: what the right column leaves)."""

    parent: str
    office: str
    number: str = ""
    place_date: str = ""
    left_width_mm: float | None = None


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """The document type in bold capitals ('TỜ TRÌNH'), its summary lines in bold, a short rule."""

    type_name: str
    summary: tuple[str, ...] = ()
    summary_bold: bool = True


@dataclass(frozen=True, slots=True)
class Recipients:
    """'Kính gửi: X.' centred for one, a list '- X;' beside 'Kính gửi:' for several."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: relative width and header text."""

    width: float
    header: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: text (a ``\\n`` starts a new line) or runs; ``span`` columns wide."""

    content: str | tuple[Run, ...] = ""
    align: Align = Align.LEFT
    bold: bool = False
    italic: bool = False
    span: int = 1
    fill: str | None = None  # background colour as "RRGGBB"

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else plain_text(self.content)


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    fill: str | None = None  # background of the whole row, "RRGGBB"


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table. The header row (the columns' headers) repeats on every page; a page
    never ends with the header and fewer than ``min_rows_first`` rows; ``font_size`` in points.
    ``header_rows`` are further header rows (under the columns' headers) that repeat too."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    font_size: float = 12.0
    header_rows: tuple[Row, ...] = ()
    repeat_header: bool = True
    min_rows_first: int = 2
    keep_with_next: bool = False
    borders: bool = True


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """A signature: bold capital lines (authority, title), an italic note ('(Ký, đóng dấu)'),
    room to sign, the name in bold. An empty name leaves the room only."""

    lines: tuple[str, ...]
    note: str = ""
    name: str = ""
    space_mm: float = 24.0


@dataclass(frozen=True, slots=True)
class CopyList:
    """'Nơi nhận:' with '- item;' lines and '- Lưu: archive.'"""

    items: tuple[str, ...]
    archive: str = "VT"
    title: str = "Nơi nhận:"


@dataclass(frozen=True, slots=True)
class Signatures:
    """The closing row: left (copies, or the secretary's signature, or nothing) and right; kept
    on one page with the last ``keep_with_previous`` blocks before it."""

    right: SignatureBlock
    left: SignatureBlock | CopyList | None = None
    keep_with_previous: int = 1


@dataclass(frozen=True, slots=True)
class Spacer:
    height_mm: float


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class NeedSpace:
    """Start a new page when less than ``height_mm`` is left on this one."""

    height_mm: float


@dataclass(frozen=True, slots=True)
class Note:
    """Small-print lines under a table ('Ghi chú: …'), with an optional bold title."""

    lines: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal bar chart (first label at the top). ``highlight``: per bar, None or
    "RRGGBB". The .docx shows it as a picture when it can draw one, else as a small table."""

    labels: tuple[str, ...]
    values: tuple[float, ...]
    maximum: float
    axis_title: str = ""
    step: float = 10.0
    highlight: tuple[str | None, ...] = ()
    title: str = ""


@dataclass(frozen=True, slots=True)
class KeepTogether:
    """Blocks kept on one page when they fit on one."""

    blocks: tuple[Block, ...]


Block = (
    Paragraph
    | Heading
    | FillLine
    | NationalHeader
    | TitleBlock
    | Recipients
    | Table
    | Signatures
    | Spacer
    | PageBreak
    | NeedSpace
    | Note
    | BarChart
    | KeepTogether
)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document. ``tight``: the renderer may shrink spacing a little so that a last
    line or two does not spill onto a page of its own (a one-page report)."""

    title: str
    blocks: tuple[Block, ...]
    subject: str = ""
    orientation: Orientation = Orientation.PORTRAIT
    margins: Margins = field(default_factory=Margins)
    page_numbers_from: int = 2
    tight: bool = False

    @property
    def page_size_mm(self) -> tuple[float, float]:
        w, h = A4_MM
        return (h, w) if self.orientation is Orientation.LANDSCAPE else (w, h)

    @property
    def text_width_mm(self) -> float:
        return self.page_size_mm[0] - self.margins.left - self.margins.right


__all__ = [
    "A4_MM",
    "Align",
    "BarChart",
    "Block",
    "Cell",
    "Column",
    "CopyList",
    "Document",
    "FillLine",
    "Heading",
    "Inline",
    "KeepTogether",
    "Margins",
    "NationalHeader",
    "NeedSpace",
    "Note",
    "Orientation",
    "PageBreak",
    "Paragraph",
    "Recipients",
    "Row",
    "Run",
    "SignatureBlock",
    "Signatures",
    "Spacer",
    "Style",
    "Table",
    "TitleBlock",
    "bold",
    "bold_italic",
    "italic",
    "plain_text",
    "runs",
]
