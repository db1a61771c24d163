"""`python -m kg.bench`: see kg.bench.run."""
import sys

from kg.bench.run import main

sys.exit(main())
