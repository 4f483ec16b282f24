"""Reading dumps of scraped pages and writing cleaned records: see ``docs/batch.md``."""

from ._csv_reader import CsvReader
from ._keys import KeyMap
from ._parquet_reader import ParquetReader
from ._readers import (
    FileReader,
    FolderReader,
    InputFormat,
    JsonlReader,
    StdinReader,
    WarcReader,
    count_documents,
    detect_format,
    open_reader,
    read_inputs,
)
from ._records import Item
from ._writers import JsonlWriter, ParquetWriter, RecordWriter, article_row, article_schema, open_writer

__all__ = [
    "CsvReader",
    "FileReader",
    "FolderReader",
    "InputFormat",
    "Item",
    "JsonlReader",
    "JsonlWriter",
    "KeyMap",
    "ParquetReader",
    "ParquetWriter",
    "RecordWriter",
    "StdinReader",
    "WarcReader",
    "article_row",
    "article_schema",
    "count_documents",
    "detect_format",
    "open_reader",
    "open_writer",
    "read_inputs",
]
