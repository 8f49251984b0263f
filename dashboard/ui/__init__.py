"""The page: its layout and what each callback returns to it (components and values from pure functions)."""
