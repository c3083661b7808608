"""The registry's clocks as of a date: deadline lists and the overdue board.

`clocklist` walks every case of a loaded `Registry`, gives each clock a row and renders the
overdue board (also the daily tracking issue). Uses `xinfang.registry` and below.
"""
