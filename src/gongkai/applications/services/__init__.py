"""The casework's service functions (see `cases`, `appeals`, `documents`)."""
