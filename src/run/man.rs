//! `hkret man`: the manual pages, one for hkret and one for each command its page lists
//! (`hkret-validate(1)`, ...), printed or written into a directory.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, Output};
use crate::error::Error;
use crate::run::OK;
use crate::run::files::write_output;

/// Every page: `hkret.1`, then `hkret-COMMAND.1` for each command its page lists, and so on
/// down (`help` lists a page per command too), in the order the pages list them.
///
/// # Errors
/// A page that cannot be rendered.
fn pages() -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut top = Cli::command();
    // Built, so that the generated `help` command is there, as hkret's page lists it.
    top.build();
    let mut out = vec![("hkret.1".to_owned(), render(top.clone())?)];
    add_pages(&top, "hkret", "hkret", &mut out)?;
    Ok(out)
}

/// Adds the pages of the commands under `parent`, whose page is named `name` and which is run
/// as `invoked`.
fn add_pages(
    parent: &clap::Command,
    name: &str,
    invoked: &str,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), Error> {
    for sub in parent.get_subcommands() {
        let page_name = format!("{name}-{}", sub.get_name());
        let run_as = format!("{invoked} {}", sub.get_name());
        let page = sub
            .clone()
            .display_name(page_name.clone())
            .bin_name(run_as.clone());
        out.push((format!("{page_name}.1"), render(page)?));
        add_pages(sub, &page_name, &run_as, out)?;
    }
    Ok(())
}

/// One page as roff.
fn render(command: clap::Command) -> Result<Vec<u8>, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Error::io("<man page>", e))?;
    Ok(page)
}

/// Prints hkret's page or `command`'s, or writes every page into `dir`.
///
/// # Errors
/// A page that cannot be rendered or written.
pub(super) fn man(command: Option<&str>, dir: Option<&Path>) -> Result<u8, Error> {
    let pages = pages()?;
    if let Some(dir) = dir {
        super::files::create_folder(dir, "--dir")?;
        for (name, page) in &pages {
            write_output(&Output::File(dir.join(name)), page)?;
        }
        return Ok(OK);
    }
    let wanted = command.map_or_else(|| "hkret.1".to_owned(), |c| format!("hkret-{c}.1"));
    let (_, page) = pages
        .iter()
        .find(|(name, _)| *name == wanted)
        .ok_or_else(|| {
            Error::Usage(format!(
                "hkret has no command `{}`; `hkret man` lists them",
                command.unwrap_or_default()
            ))
        })?;
    write_output(&Output::Stdout, page)?;
    Ok(OK)
}
