#!/usr/bin/env python3
"""Generate web/static/land.json, the land cells of the UI's dateline map.

The map has no coastline data: it approximates land by the cells of a STEP-degree grid that
hold at least one GeoNames place with 15,000 or more inhabitants (../shared/gazetteer/
cities15000.txt.gz). Data: GeoNames (geonames.org), CC BY 4.0.

Usage: python3 scripts/gen_land.py [../shared/gazetteer/cities15000.txt.gz] > web/static/land.json
"""
import gzip
import json
import math
import sys

STEP = 2


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/gazetteer/cities15000.txt.gz"
    cells = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            lat, lon = float(cols[4]), float(cols[5])
            cells.add((math.floor(lat / STEP) * STEP, math.floor(lon / STEP) * STEP))
    out = {
        "step": STEP,
        "attribution": "Data: GeoNames (geonames.org), CC BY 4.0",
        "cells": sorted([lat, lon] for lat, lon in cells),
    }
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
