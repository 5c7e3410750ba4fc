#!/usr/bin/python3
# tests/lib/validate-json.py SCHEMA DOCUMENT: validate a JSON document
# against a JSON Schema (draft 2020-12) with Debian's python3-jsonschema.
# Prints each error with its path; exit status 0 when valid, 1 when not.
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
with open(sys.argv[2]) as f:
    doc = json.load(f)
validator = jsonschema.Draft202012Validator(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:20]:
    print("/".join(str(p) for p in e.path) + ": " + e.message)
sys.exit(1 if errors else 0)
