"""One module per `kg` command: `add_parser(subparsers)` and `run(args) -> int`."""
