// Migrations are embedded by `sqlx::migrate!`; rebuild when one is added.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
    // Relative relocations packed (DT_RELR: glibc ≥ 2.36, binutils ≥ 2.38, Debian 12 on): at
    // every start the loader reads a few KiB of them instead of 700 KiB of RELA entries, which
    // stayed in the resident set (bench/memory.sh).
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
