"""The cockpit screen (Textual). It reads and writes only through the engine and the book."""
