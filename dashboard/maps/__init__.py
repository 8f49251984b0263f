"""The map: colour modes, figure and overlays, legend, and the patch from one view to the next."""
