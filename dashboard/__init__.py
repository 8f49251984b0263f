"""ODOP Atlas: an offline GIS dashboard for India's One District One Product initiative."""
