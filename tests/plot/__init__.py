"""Tests of lomaturity.plot (a package, so that its conftest has a name of its own)."""
