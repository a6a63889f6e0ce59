"""The main window: navigation with counts, the eight work pages, the order views, the user.

This module imports only Qt and light modules, so that the window can be on
screen before SQLAlchemy, the services and ReportLab are loaded: the pages
and everything they import are loaded by :meth:`MainWindow.attach`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.ui.operations import run_action
from app.ui.permissions import Permission, restrict
from app.ui.widgets.notices import open_dialog
from app.ui.workstation import OpenDocument, Workstation, open_with_system_viewer

if TYPE_CHECKING:
    from app.persistence.database import Database
    from app.ui.dialogs.first_admin import FirstAdminDialog
    from app.ui.dialogs.login import ChooseUserDialog, LoginDialog
    from app.ui.dialogs.users import UsersDialog
    from app.ui.imports import ImportActions
    from app.ui.pages.approvals import ApprovalsPage
    from app.ui.pages.list_page import ListPage
    from app.ui.pages.purchase_orders import PurchaseOrdersPage
    from app.ui.pages.purchase_queues import ApprovedQueuePage, LateQueuePage, UnconfirmedQueuePage
    from app.ui.pages.receiving import ReceivingPage
    from app.ui.pages.sales_orders import SalesOrdersPage
    from app.ui.pages.shipping import ShippingPage
    from app.ui.views.order_view import OrderView
    from app.ui.views.purchase_order_view import PurchaseOrderDetail
    from app.ui.views.sales_order_view import SalesOrderDetail
    from app.ui.widgets.sample_loader import SampleLoader

log = logging.getLogger(__name__)

# How long a confirmation stays in the status bar, in milliseconds.
MESSAGE_TIMEOUT_MS = 15_000
_NAVIGATION_WIDTH = 180


class MainWindow(QMainWindow):
    """Navigation on the left (Ctrl+1 to Ctrl+8), the current page or order view on the right.

    The status bar shows the signed-in user with their role, a button to sign
    in as another user, and the database location. After any action every
    list and the navigation counts are read again; nothing keeps a database
    session open.

    Created without a database, the window is an empty frame with its menus
    disabled and "Opening the database…" in place of the pages, so it can
    show at once; :meth:`attach` then builds and fills the pages.
    """

    # Set by attach(), which every menu entry that reads data waits for.
    workstation: Workstation
    sales_page: SalesOrdersPage
    purchase_page: PurchaseOrdersPage
    approvals_page: ApprovalsPage
    receiving_page: ReceivingPage
    shipping_page: ShippingPage
    approved_page: ApprovedQueuePage
    unconfirmed_page: UnconfirmedQueuePage
    late_page: LateQueuePage
    sales_view: SalesOrderDetail
    purchase_view: PurchaseOrderDetail
    import_actions: ImportActions

    def __init__(self, db: Database | None = None, user: str = "",
                 open_document: OpenDocument | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Tandem"))
        self._open_document = open_document or open_with_system_viewer
        self.sample_loader: SampleLoader | None = None
        self.pages: list[ListPage] = []
        # Where Back leads: the widgets shown before, with the order number of an order view.
        self._history: list[tuple[QWidget, str | None]] = []
        # Menu entries that need the database, enabled by attach().
        self._data_actions: list[QAction] = []

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        for name in self._page_names():
            self.navigation.addItem(name.replace("&", ""))
        self.stack = QStackedWidget()
        self.opening_label = QLabel(self.tr("Opening the database…"))
        self.opening_label.setObjectName("openingLabel")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening_label)
        self._lay_out()
        self.actions_menu = QMenu(self.tr("&Actions"), self)
        self._build_menus()
        # True once the database has an administrator with a password; set by attach().
        self.passwords_required = False
        # The dialogs of the user menu entries while they are open, for tests to drive.
        self.sign_in_dialog: LoginDialog | ChooseUserDialog | None = None
        self.users_dialog: UsersDialog | None = None
        self.first_admin_dialog: FirstAdminDialog | None = None
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.role_label = QLabel()
        self.role_label.setObjectName("roleLabel")
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self._build_status_bar()
        self.resize(1280, 800)
        if db is not None:
            self.attach(db, user)

    @property
    def attached(self) -> bool:
        """True once :meth:`attach` has built the pages over a database."""
        return bool(self.pages)

    def attach(self, db: Database, user: str) -> None:
        """Build the pages and order views over ``db``, acting as ``user``, and fill them."""
        if self.attached:
            raise RuntimeError("The main window is attached to a database already.")
        from app.ui.imports import ImportActions
        from app.ui.pages.approvals import ApprovalsPage
        from app.ui.pages.purchase_orders import PurchaseOrdersPage
        from app.ui.pages.purchase_queues import (
            ApprovedQueuePage,
            LateQueuePage,
            UnconfirmedQueuePage,
        )
        from app.ui.pages.receiving import ReceivingPage
        from app.ui.pages.sales_orders import SalesOrdersPage
        from app.ui.pages.shipping import ShippingPage
        from app.ui.views.purchase_order_view import PurchaseOrderDetail
        from app.ui.views.sales_order_view import SalesOrderDetail

        self.workstation = Workstation(db, user, self._open_document, self)
        self.sales_page = SalesOrdersPage(self.workstation)
        self.purchase_page = PurchaseOrdersPage(self.workstation)
        self.approvals_page = ApprovalsPage(self.workstation)
        self.receiving_page = ReceivingPage(self.workstation)
        self.shipping_page = ShippingPage(self.workstation)
        self.approved_page = ApprovedQueuePage(self.workstation)
        self.unconfirmed_page = UnconfirmedQueuePage(self.workstation)
        self.late_page = LateQueuePage(self.workstation)
        # The queues added last keep Ctrl+1 to Ctrl+5 on the pages they always named.
        self.pages = [self.sales_page, self.purchase_page, self.approvals_page,
                      self.receiving_page, self.shipping_page, self.approved_page,
                      self.unconfirmed_page, self.late_page]
        self.sales_view = SalesOrderDetail(self.workstation)
        self.purchase_view = PurchaseOrderDetail(self.workstation)
        self.import_actions = ImportActions(self.workstation, self)
        for page in [*self.pages, self.sales_view, self.purchase_view]:
            self.stack.addWidget(page)
        self.stack.removeWidget(self.opening_label)
        self.opening_label.deleteLater()
        location = db.path or db.url.render_as_string(hide_password=True)
        self.database_label.setText(self.tr("Database: {location}").format(location=location))
        self._connect()
        self._watch_other_workstations(db)
        self.users_gate = restrict(self.users_action, Permission.MANAGE_USERS, self.workstation)
        self.auto_approval_gate = restrict(self.auto_approval_action,
                                           Permission.SET_APPROVAL_RULES, self.workstation)
        self.load_users()
        for action in self._data_actions:
            action.setEnabled(True)
        self.show_page(0)
        self.refresh()

    def _watch_other_workstations(self, db: Database) -> None:
        """Reload when another window or workstation commits a change."""
        from app.ui.change_watch import ChangeWatch

        self.change_watch = ChangeWatch(db, self)
        self.change_watch.changed.connect(self.refresh)
        # This window's own actions reload it already; the watch need not do it again.
        self.workstation.data_changed.connect(self.change_watch.mark_seen)
        self.workstation.bulk_data_changed.connect(self.change_watch.mark_seen)

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
        self.import_actions.busy_changed.connect(self._import_busy)
        self.workstation.data_changed.connect(self.refresh)
        self.workstation.bulk_data_changed.connect(self.refresh_in_steps)
        self.workstation.message.connect(self._show_message)
        self.workstation.sales_order_requested.connect(
            lambda number: self.open_order(self.sales_view, number))
        self.workstation.purchase_order_requested.connect(
            lambda number: self.open_order(self.purchase_view, number))
        for view in (self.sales_view, self.purchase_view):
            view.back_requested.connect(self.go_back)
        self.workstation.user_changed.connect(lambda _name: self._show_role())

    # Menus and status bar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_menu_actions = [
            self._add(file_menu, self.tr("&Import Orders…"), "Ctrl+I",
                      lambda: self.import_actions.choose_orders(), "importOrders"),
            self._add(file_menu, self.tr("Import S&uppliers…"), None,
                      lambda: self.import_actions.choose_master("suppliers"),
                      "importSuppliers"),
            self._add(file_menu, self.tr("Import &Catalog…"), None,
                      lambda: self.import_actions.choose_master("catalog"), "importCatalog"),
            self._add(file_menu, self.tr("Import S&tock…"), None,
                      lambda: self.import_actions.choose_master("stock"), "importStock"),
        ]
        file_menu.addSeparator()
        self._add(file_menu, self.tr("Load &Sample Warehouse…"), None, self.load_sample,
                  "loadSample")
        self._add(file_menu, self.tr("&Refresh"), "F5",
                  self.refresh_everything, "refresh")
        file_menu.addSeparator()
        self.sign_in_action = self._add(
            file_menu, self.tr("Sign In as A&nother User…"), "Ctrl+U",
            self.sign_in_as_another_user, "signInAsAnotherUser")
        self.users_action = self._add(file_menu, self.tr("Us&ers…"), None, self.open_users,
                                      "users")
        self.auto_approval_action = self._add(
            file_menu, self.tr("Auto-Approval &Threshold…"), None, self.ask_auto_approval,
            "autoApprovalThreshold")
        self.first_admin_action = self._add(
            file_menu, self.tr("Create the &Administrator…"), None, self.create_administrator,
            "createAdministrator")
        self.first_admin_action.setStatusTip(self.tr(
            "Create the administrator, who manages users; from then on everyone signs in with "
            "a password."))
        file_menu.addSeparator()
        self._add(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close,
                  "quit", needs_data=False)

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

    def _add(self, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey | None,
             slot: Callable[[], object], name: str, needs_data: bool = True) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        if needs_data:
            action.setEnabled(False)
            self._data_actions.append(action)
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        sign_in_button = QToolButton()
        sign_in_button.setObjectName("signInButton")
        sign_in_button.setDefaultAction(self.sign_in_action)
        self.database_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.database_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.role_label)
        bar.addPermanentWidget(sign_in_button)

    def load_users(self) -> None:
        """Read again whether passwords are required, and show the acting user and role."""
        from app.services.auth import passwords_required

        required = run_action(self, self.tr("Users"),
                              lambda: passwords_required(self.workstation.db))
        self.passwords_required = bool(required)
        self.first_admin_action.setVisible(not self.passwords_required)
        self.users_gate.apply()
        self._show_role()

    def _import_busy(self, busy: bool) -> None:
        for action in self.import_menu_actions:
            action.setEnabled(not busy)

    # Users

    def sign_in_as_another_user(self) -> None:
        """Ask who works here next: name and password once passwords are required.

        Without passwords the dialog lists the active users to choose from.
        The acting user stays as it was when the dialog is cancelled.
        """
        from app.ui.dialogs.login import sign_in_dialog

        def signed_in(dialog: LoginDialog | ChooseUserDialog) -> None:
            if dialog.user is not None:
                self._act_as(dialog.user.name)

        self.load_users()
        self.sign_in_dialog = open_dialog(
            self, self.tr("Sign In as Another User"),
            lambda: sign_in_dialog(self.workstation.db, self.workstation.user, self,
                                   self.passwords_required), signed_in)
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.finished.connect(self._forget_sign_in_dialog)

    def _forget_sign_in_dialog(self) -> None:
        self.sign_in_dialog = None

    def switch_user(self, name: str) -> None:
        """Act as the active user ``name`` without a password, as tests and scripts do.

        The window itself changes users only through :meth:`sign_in_as_another_user`.
        """
        from app.services.users import list_users

        if name not in [person.name for person in list_users(self.workstation.db)
                        if person.active]:
            raise ValueError(f"User {name!r} is not an active user.")
        self._act_as(name)

    def _act_as(self, name: str) -> None:
        self.workstation.set_user(name)
        self._show_role()
        text = (self.tr("Signed in as {user} ({role}).") if self.passwords_required
                else self.tr("Acting as {user} ({role})."))
        self._show_message(text.format(user=name, role=self.workstation.role))

    def open_users(self) -> None:
        """Open the administrator's users dialog; the window reads the users again after it."""
        from app.ui.dialogs.users import UsersDialog

        self.users_dialog = open_dialog(
            self, self.tr("Users"),
            lambda: UsersDialog(self.workstation.db, self.workstation.user, self),
            lambda _dialog: None)
        if self.users_dialog is not None:
            self.users_dialog.finished.connect(self._users_closed)

    def _users_closed(self) -> None:
        self.users_dialog = None
        self.load_users()

    def ask_auto_approval(self) -> None:
        """Ask for the PO total below which a submitted PO needs no manager, and store it."""
        from app.services.approval_settings import auto_approval_threshold

        title = self.tr("Auto-Approval Threshold")
        current = run_action(self, title, lambda: auto_approval_threshold(self.workstation.db))
        text, accepted = QInputDialog.getText(
            self, title,
            self.tr("Submitted POs totalling less than this are approved without a manager. "
                    "Leave it empty so that every PO needs one."),
            text="" if current is None else str(current))
        if accepted:
            self.set_auto_approval(text)

    def set_auto_approval(self, text: str) -> bool:
        """Store ``text`` as the threshold ("" for none) and show what it means; False on error."""
        from app.services.approval_settings import set_auto_approval_threshold

        title = self.tr("Auto-Approval Threshold")
        workstation = self.workstation
        result = run_action(self, title, lambda: (set_auto_approval_threshold(
            workstation.db, workstation.user, text),))
        if result is None:
            return False
        threshold = result[0]
        self.workstation.show_message(
            self.tr("Every submitted PO needs a manager's approval.") if threshold is None
            else self.tr("POs totalling less than {amount} are now approved without a "
                         "manager.").format(amount=threshold))
        return True

    def create_administrator(self) -> None:
        """Create the first administrator and sign in as them; passwords are required after."""
        from app.ui.dialogs.first_admin import FirstAdminDialog

        def created(dialog: FirstAdminDialog) -> None:
            self.load_users()
            if dialog.admin is not None:
                self._act_as(dialog.admin.name)

        self.first_admin_dialog = open_dialog(
            self, self.tr("Create the Administrator"),
            lambda: FirstAdminDialog(self.workstation.db, self), created)
        if self.first_admin_dialog is not None:
            self.first_admin_dialog.finished.connect(self._forget_first_admin_dialog)

    def _forget_first_admin_dialog(self) -> None:
        self.first_admin_dialog = None

    def _show_role(self) -> None:
        user = self.workstation.user
        text = (self.tr("Signed in as {user}") if self.passwords_required
                else self.tr("Acting as {user}"))
        self.user_label.setText(text.format(user=user))
        self.role_label.setText(self.tr("({role})").format(role=self.workstation.role or "?"))
        self.setWindowTitle(self.tr("Tandem – {user}").format(user=user))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)

    # Pages and order views

    def _page_names(self) -> list[str]:
        return [self.tr("&Sales orders"), self.tr("&Purchase orders"), self.tr("&Approvals"),
                self.tr("&Receiving"), self.tr("S&hipping"), self.tr("To se&nd"),
                self.tr("To c&onfirm"), self.tr("&Late deliveries")]

    def current_widget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, index: int) -> None:
        """Show page ``index`` (0 to 7) and give its list the focus."""
        if not self.attached:
            return
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
        shown = self._order_view(current)
        shown_number = shown.number if shown is not None else None
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
        previous_view = self._order_view(previous)
        if previous_view is not None and number is not None:
            previous_view.load(number)
        self._show(previous)

    def focus_filter(self) -> None:
        current = self.stack.currentWidget()
        screen = self._page_or_view(current)
        if screen is not None:
            screen.focus_filter()

    def _order_view(self, widget: QWidget | None) -> OrderView | None:
        """Return ``widget`` as one of the order views, or None if it is something else."""
        if not self.attached:
            return None
        views: list[OrderView] = [self.sales_view, self.purchase_view]
        return next((view for view in views if view is widget), None)

    def _page_or_view(self, widget: QWidget | None) -> ListPage | OrderView | None:
        view = self._order_view(widget)
        if view is not None:
            return view
        return next((page for page in self.pages if page is widget), None)

    def _show(self, widget: QWidget) -> None:
        self.stack.setCurrentWidget(widget)
        self._fill_actions_menu(widget)

    def _fill_actions_menu(self, widget: QWidget) -> None:
        self.actions_menu.clear()
        screen = self._page_or_view(widget)
        if screen is not None:
            for action in screen.page_actions:
                self.actions_menu.addAction(action)

    # Refreshing

    def refresh(self) -> None:
        """Read the acting user's role, every list, the shown order and the counts again."""
        run_action(self, self.tr("Refresh"), self.workstation.reload_role)
        for page in self.pages:
            page.refresh()
        self._reload_order_view()
        self.refresh_counts()

    def refresh_in_steps(self) -> None:
        """Reload as :meth:`refresh` does, one list per event-loop turn, from the next turn on."""
        steps: list[Callable[[], object]] = [page.refresh for page in self.pages]
        steps += [self._reload_order_view, self.refresh_counts]
        self._run_later(steps)

    def _run_later(self, steps: list[Callable[[], object]]) -> None:
        if not steps:
            return

        def run_first() -> None:
            steps[0]()
            self._run_later(steps[1:])

        # With the window as context, the steps are dropped if the window is deleted.
        QTimer.singleShot(0, self, run_first)

    def _reload_order_view(self) -> None:
        view = self._order_view(self.stack.currentWidget())
        if view is not None:
            view.reload()

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
        from app.services import sample

        if not self.attached or not sample.is_empty(self.workstation.db):
            return False
        answer = QMessageBox.question(
            self, self.tr("Load the Sample Warehouse?"),
            self.tr("The database is empty. Load the sample warehouse? It holds one week of "
                    "real orders of a wholesale shop, with suppliers, their catalog and stock. "
                    "Loading can be cancelled: the suppliers, catalog and stock loaded by then "
                    "stay, and no orders are stored."))
        if answer == QMessageBox.StandardButton.Yes:
            self.load_sample()
        return True

    def load_sample(self) -> None:
        """Load the sample warehouse off the GUI thread, then read every list again."""
        from app.ui.widgets.sample_loader import SampleLoader

        if self.sample_loader is not None and self.sample_loader.running:
            return
        loader = SampleLoader(self.workstation.db, self.workstation.user, self)
        loader.finished.connect(self.refresh)
        self.sample_loader = loader
        loader.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Running jobs are cancelled; an import then stores nothing.
        if self.sample_loader is not None and self.sample_loader.running:
            self.sample_loader.wait()
        if self.attached:
            self.import_actions.wait()
            for printing in (self.sales_page.slip_actions, self.shipping_page.slip_actions,
                             self.sales_view.slip_actions):
                printing.printer.wait()
        super().closeEvent(event)

