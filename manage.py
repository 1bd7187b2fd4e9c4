#!/usr/bin/env python
from sillon.cli import main

if __name__ == "__main__":
    main()
