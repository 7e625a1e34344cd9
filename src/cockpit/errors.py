"""The book's errors, apart from the storage package so the screen can name them before it loads
TinyDB (the book is opened after the first frame). storage re-exports them."""


class StorageError(Exception):
    """The book cannot be read or written; the message says which file and what to do."""


class BookDamaged(StorageError):
    """A file of the book does not parse or does not fit the others; it is left exactly as it is."""


class NewerBook(StorageError):
    """The book was written by a newer Cockpit."""
