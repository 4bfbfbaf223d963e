//! Embeds every table under `rules/` into the binary: the built-in tables are loaded by the
//! same code that reads a user's `--rules DIR`, so the list is generated rather than typed.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<_> = fs::read_dir("rules")
        .expect("rules/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("/// Built-in rule tables: (file name, contents), sorted by name.\npub const BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let abs = fs::canonicalize(path).expect("rule file");
        let name = path.file_name().unwrap().to_string_lossy();
        code += &format!("    ({name:?}, include_str!({:?})),\n", abs.display().to_string());
    }
    code += "];\n";
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, code).expect("write builtin_rules.rs");
}
