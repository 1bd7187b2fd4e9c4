from sillon.cli import main

main()
