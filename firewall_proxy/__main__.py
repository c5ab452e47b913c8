from firewall_proxy.cli.main import main

main()
