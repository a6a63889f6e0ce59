"""The main window: navigation with counts, the five work pages, the order views, the user."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app.persistence.database import Database
from app.services import sample
from app.services.users import list_users
from app.ui.operations import run_action
from app.ui.pages.approvals import ApprovalsPage
from app.ui.pages.list_page import ListPage
from app.ui.pages.purchase_orders import PurchaseOrdersPage
from app.ui.pages.receiving import ReceivingPage
from app.ui.pages.sales_orders import SalesOrdersPage
from app.ui.pages.shipping import ShippingPage
from app.ui.views.order_view import OrderView
from app.ui.views.purchase_order_view import PurchaseOrderDetail
from app.ui.views.sales_order_view import SalesOrderDetail
from app.ui.widgets.sample_loader import SampleLoader
from app.ui.workstation import OpenDocument, Workstation, open_with_system_viewer

log = logging.getLogger(__name__)

# How long a confirmation stays in the status bar, in milliseconds.
MESSAGE_TIMEOUT_MS = 15_000
_NAVIGATION_WIDTH = 180


class MainWindow(QMainWindow):
    """Navigation on the left (Ctrl+1 to Ctrl+5), the current page or order view on the right.

    The status bar shows the acting user, whom the combo there switches, and
    the database location. After any action every list and the navigation
    counts are read again; nothing keeps a database session open.
    """

    def __init__(self, db: Database, user: str, open_document: OpenDocument | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Tandem"))
        self.workstation = Workstation(db, user, open_document or open_with_system_viewer, self)
        self.sample_loader: SampleLoader | None = None
        # Where Back leads: the widgets shown before, with the order number of an order view.
        self._history: list[tuple[QWidget, str | None]] = []

        self.sales_page = SalesOrdersPage(self.workstation)
        self.purchase_page = PurchaseOrdersPage(self.workstation)
        self.approvals_page = ApprovalsPage(self.workstation)
        self.receiving_page = ReceivingPage(self.workstation)
        self.shipping_page = ShippingPage(self.workstation)
        self.pages: list[ListPage] = [self.sales_page, self.purchase_page, self.approvals_page,
                                      self.receiving_page, self.shipping_page]
        self.sales_view = SalesOrderDetail(self.workstation)
        self.purchase_view = PurchaseOrderDetail(self.workstation)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget()
        for page in [*self.pages, self.sales_view, self.purchase_view]:
            self.stack.addWidget(page)
        for _page in self.pages:
            self.navigation.addItem("")
        self._lay_out()
        self.actions_menu = QMenu(self.tr("&Actions"), self)
        self._build_menus()
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("userCombo")
        self._build_status_bar(db)
        self._connect()
        self.show_page(0)
        self.refresh()
        self.resize(1280, 800)

    def _lay_out(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.navigation)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setCollapsible(1, False)
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        self.navigation.setSpacing(3)
        self.navigation.setMinimumWidth(150)
        self.navigation.setMaximumWidth(240)
        split.setSizes([_NAVIGATION_WIDTH, 1000])
        self.setCentralWidget(split)

    def _connect(self) -> None:
        self.navigation.currentRowChanged.connect(self._navigated)
        self.workstation.data_changed.connect(self.refresh)
        self.workstation.message.connect(self._show_message)
        self.workstation.sales_order_requested.connect(
            lambda number: self.open_order(self.sales_view, number))
        self.workstation.purchase_order_requested.connect(
            lambda number: self.open_order(self.purchase_view, number))
        for view in (self.sales_view, self.purchase_view):
            view.back_requested.connect(self.go_back)
        self.user_combo.currentIndexChanged.connect(self._user_chosen)

    # Menus and status bar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._add(file_menu, self.tr("Load &Sample Warehouse…"), None, self.load_sample,
                  "loadSample")
        self._add(file_menu, self.tr("&Refresh"), "F5",
                  self.refresh_everything, "refresh")
        file_menu.addSeparator()
        self._add(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close,
                  "quit")

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for index, name in enumerate(self._page_names()):
            self._add(go_menu, name, f"Ctrl+{index + 1}", partial(self.show_page, index),
                      f"goToPage{index + 1}")
        go_menu.addSeparator()
        self._add(go_menu, self.tr("&Back"), QKeySequence.StandardKey.Back, self.go_back,
                  "goBack")
        self._add(go_menu, self.tr("&Find"), QKeySequence.StandardKey.Find, self.focus_filter,
                  "find")

        self.menuBar().addMenu(self.actions_menu)
        user_menu = self.menuBar().addMenu(self.tr("&User"))
        self._add(user_menu, self.tr("&Switch User…"), "Ctrl+U", self.choose_user,
                  "switchUser")

    def _add(self, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey | None,
             slot: Callable[[], object], name: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_status_bar(self, db: Database) -> None:
        bar = self.statusBar()
        user_label = QLabel(self.tr("&Acting as:"))
        user_label.setBuddy(self.user_combo)
        self.role_label = QLabel()
        self.role_label.setObjectName("roleLabel")
        location = db.path or db.url.render_as_string(hide_password=True)
        self.database_label = QLabel(self.tr("Database: {location}").format(location=location))
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.database_label)
        bar.addPermanentWidget(user_label)
        bar.addPermanentWidget(self.user_combo)
        bar.addPermanentWidget(self.role_label)
        self.load_users()

    def load_users(self) -> None:
        """Fill the user combo from the database and select the acting user."""
        users = run_action(self, self.tr("Users"), lambda: list_users(self.workstation.db))
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        for person in users or []:
            if person.active:
                self.user_combo.addItem(person.name, person.name)
        self.user_combo.setCurrentIndex(self.user_combo.findData(self.workstation.user))
        self.user_combo.blockSignals(False)
        self._show_role()

    def choose_user(self) -> None:
        self.user_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.user_combo.showPopup()

    def switch_user(self, name: str) -> None:
        """Act as ``name`` from now on, as if chosen in the status bar."""
        index = self.user_combo.findData(name)
        if index < 0:
            raise ValueError(f"User {name!r} is not in the user list.")
        self.user_combo.setCurrentIndex(index)

    def _user_chosen(self, index: int) -> None:
        name = self.user_combo.itemData(index)
        if isinstance(name, str):
            self.workstation.set_user(name)
            self._show_role()
            self._show_message(self.tr("Acting as {user} ({role}).").format(
                user=name, role=self.workstation.role))

    def _show_role(self) -> None:
        self.role_label.setText(self.tr("({role})").format(role=self.workstation.role or "?"))
        self.setWindowTitle(self.tr("Tandem – {user}").format(user=self.workstation.user))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)

    # Pages and order views

    def _page_names(self) -> list[str]:
        return [self.tr("&Sales orders"), self.tr("&Purchase orders"), self.tr("&Approvals"),
                self.tr("&Receiving"), self.tr("S&hipping")]

    def current_widget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, index: int) -> None:
        """Show page ``index`` (0 to 4) and give its list the focus."""
        self._history.clear()
        self.navigation.setCurrentRow(index)
        self._show(self.pages[index])
        self.pages[index].focus_list()

    def _navigated(self, row: int) -> None:
        if 0 <= row < len(self.pages) and self.stack.currentWidget() is not self.pages[row]:
            self._history.clear()
            self._show(self.pages[row])

    def open_order(self, view: OrderView, number: str) -> None:
        """Show one order in its view; Back returns to where it was opened."""
        current = self.stack.currentWidget()
        shown_number = current.number if isinstance(current, OrderView) else None
        if not view.load(number):
            return
        if current is not None and (current is not view or shown_number != view.number):
            self._history.append((current, shown_number))
        self._show(view)
        view.lines_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_back(self) -> None:
        """Return to the page or order shown before the current order view."""
        if not self._history:
            return
        previous, number = self._history.pop()
        if isinstance(previous, OrderView) and number is not None:
            previous.load(number)
        self._show(previous)

    def focus_filter(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, ListPage | OrderView):
            current.focus_filter()

    def _show(self, widget: QWidget) -> None:
        self.stack.setCurrentWidget(widget)
        self._fill_actions_menu(widget)

    def _fill_actions_menu(self, widget: QWidget) -> None:
        self.actions_menu.clear()
        if isinstance(widget, ListPage | OrderView):
            for action in widget.page_actions:
                self.actions_menu.addAction(action)

    # Refreshing

    def refresh(self) -> None:
        """Read every list, the shown order and the navigation counts again."""
        for page in self.pages:
            page.refresh()
        current = self.stack.currentWidget()
        if isinstance(current, OrderView):
            current.reload()
        self.refresh_counts()

    def refresh_everything(self) -> None:
        """Read the users too, which another workstation may have added, then every list."""
        self.load_users()
        self.refresh()

    def refresh_counts(self) -> None:
        for index, (page, name) in enumerate(zip(self.pages, self._page_names(), strict=True)):
            item = self.navigation.item(index)
            count = run_action(self, self.tr("Refresh"), page.total_count)
            label = name.replace("&", "")
            item.setText(label if count is None else self.tr("{page} ({count})").format(
                page=label, count=f"{count:,}"))

    # The sample warehouse

    def offer_sample(self) -> bool:
        """On an empty database, ask whether to load the sample warehouse; return True if asked."""
        if not sample.is_empty(self.workstation.db):
            return False
        answer = QMessageBox.question(
            self, self.tr("Load the Sample Warehouse?"),
            self.tr("The database is empty. Load the sample warehouse? It holds one week of "
                    "real orders of a wholesale shop, with suppliers, their catalog and stock. "
                    "Loading takes about half a minute and can be cancelled; what was stored "
                    "by then is kept."))
        if answer == QMessageBox.StandardButton.Yes:
            self.load_sample()
        return True

    def load_sample(self) -> None:
        """Load the sample warehouse off the GUI thread, then read every list again."""
        if self.sample_loader is not None and self.sample_loader.running:
            return
        loader = SampleLoader(self.workstation.db, self.workstation.user, self)
        loader.finished.connect(self.refresh)
        self.sample_loader = loader
        loader.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.sample_loader is not None and self.sample_loader.running:
            self.sample_loader.wait()
        super().closeEvent(event)
