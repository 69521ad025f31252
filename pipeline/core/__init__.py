"""Shared machinery every stage uses: params, tables, Prefect, task runners."""
