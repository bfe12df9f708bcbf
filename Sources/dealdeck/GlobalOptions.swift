import ArgumentParser

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Keep all Dealdeck files under DIR (also DEALDECK_HOME).", valueName: "DIR"))
    var home: String?
}
