"""quotes: find who said what in news articles, and keep an expert directory of it.

The pipeline, one module a stage, data flowing one way:
read -> find -> attribute (+ roles) -> resolve -> extract -> store -> directory -> export.
"""

__version__ = "0.1.0"
