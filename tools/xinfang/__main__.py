from xinfang.cli import main

main()
