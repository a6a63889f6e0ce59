"""Outcome categories of an import, counted by ``ImportSummary``.

Each constant is both the key in ``ImportSummary.counts`` and the English
label shown to the user. The label names the unit it counts: orders, lines
or rows. The keys stay English in JSON, and ``ImportSummary.format_text``
translates them for display.

For order files, every line read ends in exactly one category of
``LINE_OUTCOMES``: ``LINES_IMPORTED`` or a reason for leaving it out. Every
order read is either imported or left out. The notes count imported data
that was read in a particular way, so they are not outcomes.
"""

from __future__ import annotations

# Orders.
ORDERS_READ = "orders read"
ORDERS_IMPORTED = "orders imported"
ORDERS_LEFT_OUT = "orders left out"
ORDERS_WITHOUT_GOODS = "orders left out because no goods line was left"

# Lines of order files.
LINES_READ = "lines read"
LINES_IMPORTED = "lines imported"
CANCELLATION_LINES = "lines of cancellation invoices"
ADJUSTMENT_LINES = "lines of accounting adjustments"
LINES_WITHOUT_CUSTOMER = "lines of orders without a customer"
LINES_OF_INVALID_ORDERS = "lines of orders with an invalid row"
LINES_OF_CONFLICTING_ORDERS = "lines of orders whose rows disagree on order details"
NON_GOODS_LINES = "lines that are not goods (postage, fees, vouchers)"
NEGATIVE_QUANTITY_LINES = "lines with a negative quantity"
ZERO_QUANTITY_LINES = "lines with quantity zero"
NO_PRICE_LINES = "lines with a unit price of zero or below"

# Notes on imported orders and lines.
SPLIT_ORDERS = "orders split across the file (parts joined)"
MIXED_TIME_ORDERS = "orders whose rows carry different times (earliest used)"
UNNAMED_CUSTOMER_ORDERS = "orders without a customer name (named after the code)"
REPEATED_SKU_LINES = "imported lines repeating a stock code of the same order"
NON_ASCII_LINES = "imported lines with non-ASCII text (kept as written)"
STRIPPED_LINES = "imported lines with spaces stripped from the description"

# Rows of master files (suppliers, catalog, stock).
ROWS_READ = "rows read"
ROWS_IMPORTED = "rows imported"
INVALID_ROWS = "rows with an invalid value"
DUPLICATE_ROWS = "rows repeating an earlier key"
STRIPPED_ROWS = "imported rows with spaces stripped from a value"

# Any file.
BLANK_ROWS = "blank rows ignored"

LINE_OUTCOMES = (
    LINES_IMPORTED,
    CANCELLATION_LINES,
    ADJUSTMENT_LINES,
    LINES_WITHOUT_CUSTOMER,
    LINES_OF_INVALID_ORDERS,
    LINES_OF_CONFLICTING_ORDERS,
    NON_GOODS_LINES,
    NEGATIVE_QUANTITY_LINES,
    ZERO_QUANTITY_LINES,
    NO_PRICE_LINES,
)

ROW_OUTCOMES = (ROWS_IMPORTED, INVALID_ROWS, DUPLICATE_ROWS)

# The order in which ``ImportSummary.format_text`` and ``to_dict`` list them.
DISPLAY_ORDER = (
    ORDERS_READ,
    ORDERS_IMPORTED,
    ORDERS_LEFT_OUT,
    ORDERS_WITHOUT_GOODS,
    LINES_READ,
    *LINE_OUTCOMES,
    SPLIT_ORDERS,
    MIXED_TIME_ORDERS,
    UNNAMED_CUSTOMER_ORDERS,
    REPEATED_SKU_LINES,
    NON_ASCII_LINES,
    STRIPPED_LINES,
    ROWS_READ,
    *ROW_OUTCOMES,
    STRIPPED_ROWS,
    BLANK_ROWS,
)
