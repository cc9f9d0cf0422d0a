from groeipad.cli.main import main

main()
