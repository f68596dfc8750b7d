"""The IT registry of the province's Party units: records, permissions, import/export, API."""
