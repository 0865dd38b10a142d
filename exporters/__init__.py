"""Exporters: one module per file format (mjcf, urdf, procthor, usd) gathered in a registry,
plus the ProcTHOR/Holodeck house importer. All Y-up <-> Z-up conversion for AI2-THOR lives in
the procthor module. Nothing is implemented in this package yet; `vipscene build` records the
export stage as unavailable.
"""
