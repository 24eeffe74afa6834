"""Qt's own words in Vietnamese. Qt ships no Vietnamese translation: without this the officer
would read "OK", "Cancel", "File name:", "Look in:" in the file dialogs (Linux), "Copy"/"Paste" in
the text fields' menus and English month names in the date pickers. The texts Qt asks for are
answered from ``QT_TEXTS`` by a translator installed on the application, and the application's
locale is Vietnamese (calendar, numbers in spin boxes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

# (Qt's context, Qt's English source text) → Vietnamese. "&" marks the Alt+letter.
QT_TEXTS: dict[tuple[str, str], str] = {
    # standard buttons (message boxes, button boxes)
    ("QPlatformTheme", "OK"): "Đồng ý",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "Save All"): "Lưu tất cả",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "&Yes"): "&Có",
    ("QPlatformTheme", "Yes to &All"): "Có với &tất cả",
    ("QPlatformTheme", "&No"): "&Không",
    ("QPlatformTheme", "N&o to All"): "Không với tất &cả",
    ("QPlatformTheme", "Abort"): "Bỏ dở",
    ("QPlatformTheme", "Retry"): "Thử lại",
    ("QPlatformTheme", "Ignore"): "Bỏ qua",
    ("QPlatformTheme", "Close"): "Đóng",
    ("QPlatformTheme", "Cancel"): "Hủy",
    ("QPlatformTheme", "Discard"): "Bỏ",
    ("QPlatformTheme", "Help"): "Trợ giúp",
    ("QPlatformTheme", "Apply"): "Áp dụng",
    ("QPlatformTheme", "Reset"): "Đặt lại",
    ("QPlatformTheme", "Restore Defaults"): "Trả về mặc định",
    ("QMessageBox", "Show Details..."): "Xem chi tiết…",
    ("QMessageBox", "Hide Details..."): "Ẩn chi tiết…",
    # file dialogs (Qt's own, where the system has none)
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "Open"): "Mở",
    ("QFileDialog", "Save As"): "Lưu thành",
    ("QFileDialog", "Find Directory"): "Chọn thư mục",
    ("QFileDialog", "&Look in:"): "&Tìm trong:",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "Directory:"): "Thư mục:",
    ("QFileDialog", "Directories"): "Thư mục",
    ("QFileDialog", "All Files (*)"): "Mọi tệp (*)",
    ("QFileDialog", "Files"): "Tệp",
    ("QFileDialog", "Back"): "Lùi",
    ("QFileDialog", "Go back"): "Quay lại",
    ("QFileDialog", "Forward"): "Tới",
    ("QFileDialog", "Go forward"): "Đi tới",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo một thư mục mới",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "New Folder"): "Thư mục mới",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "&Delete"): "&Xóa",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp &ẩn",
    ("QFileDialog", "List View"): "Dạng danh sách",
    ("QFileDialog", "Change to list view mode"): "Xem dạng danh sách",
    ("QFileDialog", "Detail View"): "Dạng chi tiết",
    ("QFileDialog", "Change to detail view mode"): "Xem dạng chi tiết",
    ("QFileDialog", "Sidebar"): "Thanh bên",
    ("QFileDialog", "List of places and bookmarks"): "Các nơi thường dùng",
    ("QFileDialog", "Recent Places"): "Nơi mở gần đây",
    ("QFileDialog", "My Computer"): "Máy tính",
    ("QFileDialog", "Drive"): "Ổ đĩa",
    ("QFileDialog", "File"): "Tệp",
    ("QFileDialog", "File Folder"): "Thư mục",
    ("QFileDialog", "Folder"): "Thư mục",
    ("QFileDialog", "Unknown"): "Không rõ",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"): (
        "Đã có tệp %1.\nGhi đè lên tệp đó?"
    ),
    (
        "QFileDialog",
        "%1\nFile not found.\nPlease verify the correct file name was given.",
    ): "%1\nKhông thấy tệp.\nHãy kiểm tra lại tên tệp.",
    (
        "QFileDialog",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.",
    ): "%1\nKhông thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Xóa «%1»?",
    ("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"): (
        "«%1» đang được bảo vệ chống ghi.\nVẫn xóa?"
    ),
    ("QFileDialog", "Could not delete directory."): "Không xóa được thư mục.",
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Dung lượng",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Kind"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QFileSystemModel", "Invalid filename"): "Tên tệp không hợp lệ",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QAbstractFileIconProvider", "File Folder"): "Thư mục",
    # the menus of text fields
    ("QLineEdit", "&Undo"): "&Hoàn tác",
    ("QLineEdit", "&Redo"): "&Làm lại",
    ("QLineEdit", "Cu&t"): "&Cắt",
    ("QLineEdit", "&Copy"): "&Chép",
    ("QLineEdit", "&Paste"): "&Dán",
    ("QLineEdit", "Delete"): "Xóa",
    ("QLineEdit", "Select All"): "Chọn tất cả",
    ("QWidgetTextControl", "&Undo"): "&Hoàn tác",
    ("QWidgetTextControl", "&Redo"): "&Làm lại",
    ("QWidgetTextControl", "Cu&t"): "&Cắt",
    ("QWidgetTextControl", "&Copy"): "&Chép",
    ("QWidgetTextControl", "Copy &Link Location"): "Chép địa chỉ &liên kết",
    ("QWidgetTextControl", "&Paste"): "&Dán",
    ("QWidgetTextControl", "Delete"): "Xóa",
    ("QWidgetTextControl", "Select All"): "Chọn tất cả",
    ("QAbstractSpinBox", "&Select All"): "&Chọn tất cả",
    ("QAbstractSpinBox", "&Step up"): "&Tăng",
    ("QAbstractSpinBox", "Step &down"): "&Giảm",
    # undo and redo (the Số liệu page's actions name the edit after these)
    ("QUndoStack", "Undo %1"): "Hoàn tác %1",
    ("QUndoStack", "Redo %1"): "Làm lại %1",
    ("QUndoModel", "<empty>"): "<trống>",
}


class VietnameseQt(QTranslator):
    """Answers Qt's own texts from ``QT_TEXTS``; anything else is given back as it is (an empty
    answer would be taken as the translation)."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return QT_TEXTS.get((context, source_text), source_text)

    def isEmpty(self) -> bool:
        return False


_installed: list[VietnameseQt] = []


def install_vietnamese(app: QCoreApplication) -> VietnameseQt:
    """Install the translator on ``app`` (once) and make Vietnamese the default locale."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    if not _installed:
        translator = VietnameseQt(app)
        app.installTranslator(translator)
        _installed.append(translator)
    return _installed[0]
