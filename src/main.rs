fn main() -> std::process::ExitCode {
    quotelens::cli::main()
}
