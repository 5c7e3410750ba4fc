# reports/: (filled in by the module)
