"""`python -m pipeline`: the command-line interface."""

from pipeline.cli import main
from pipeline.core.fastexit import exit_now

exit_now(main())
