//! The list of a bulk run's jobs, kept compact: a folder of 100,000 returns is its folder's path
//! once and the file names one after another in one string (about 30 bytes a file, where a path
//! each took about 100). Jobs are made whole a chunk at a time, as the passes reach them.

use std::path::{Path, PathBuf};

use crate::bulk::table::Row;
use crate::error::Error;
use crate::run::bulk::{BulkOptions, Job};

/// Where a file job's path is.
#[derive(Clone, Copy)]
enum Place {
    /// `names[start..end]` in folder `folder`.
    InFolder { folder: u32, start: u32, end: u32 },
    /// `whole[index]`: given as a file, or a name that is not UTF-8.
    Whole(u32),
}

/// Every job of a run, in input order: the files, then the data rows.
#[derive(Default)]
pub(super) struct JobList {
    /// The folders given.
    folders: Vec<PathBuf>,
    /// Their files' names, one after another.
    names: String,
    /// Paths kept whole.
    whole: Vec<PathBuf>,
    /// Each file job.
    files: Vec<Place>,
    /// The data rows.
    rows: Vec<Row>,
}

/// A number that fits the list's compact fields (a list has far fewer than 4 billion bytes).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl JobList {
    /// The jobs of `options`' inputs (each folder's `*.yaml` and `*.yml` files in name order)
    /// and of `rows`.
    ///
    /// # Errors
    /// [`Error::Io`] for a folder that cannot be read.
    pub(super) fn new(options: &BulkOptions, rows: Vec<Row>) -> Result<Self, Error> {
        let mut list = Self::default();
        for input in &options.inputs {
            if input.is_dir() {
                list.add_folder(input)?;
            } else {
                list.files.push(Place::Whole(small(list.whole.len())));
                list.whole.push(input.clone());
            }
        }
        list.rows = rows;
        Ok(list)
    }

    /// Adds the returns of `dir`. Names are gathered straight into [`JobList::names`] and
    /// sorted as ranges of it: a list of whole paths, even for a moment, took 9 MB for a folder
    /// of 100,000 returns, more than the rest of a run's bookkeeping.
    fn add_folder(&mut self, dir: &Path) -> Result<(), Error> {
        let folder = small(self.folders.len());
        self.folders.push(dir.to_path_buf());
        // Each file as a range of `names`, or (`u32::MAX`, i) for `whole[i]` (not UTF-8).
        let mut found: Vec<(u32, u32)> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name();
            let path = Path::new(&name);
            if !path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                || !dir.join(path).is_file()
            {
                continue;
            }
            match name.to_str() {
                Some(text) => {
                    let start = small(self.names.len());
                    self.names.push_str(text);
                    found.push((start, small(self.names.len())));
                }
                None => {
                    found.push((u32::MAX, small(self.whole.len())));
                    self.whole.push(dir.join(path));
                }
            }
        }
        // In name order, byte by byte, as the paths of one folder sort.
        let (names, whole) = (&self.names, &self.whole);
        let bytes = |&(start, end): &(u32, u32)| -> &[u8] {
            if start == u32::MAX {
                whole
                    .get(end as usize)
                    .and_then(|p| p.file_name())
                    .map_or(&[], |n| n.as_encoded_bytes())
            } else {
                names
                    .get(start as usize..end as usize)
                    .map_or(&[], str::as_bytes)
            }
        };
        found.sort_by(|a, b| bytes(a).cmp(bytes(b)));
        self.files.reserve(found.len());
        for (start, end) in found {
            self.files.push(if start == u32::MAX {
                Place::Whole(end)
            } else {
                Place::InFolder { folder, start, end }
            });
        }
        self.names.shrink_to_fit();
        Ok(())
    }

    /// How many jobs there are.
    pub(super) fn len(&self) -> usize {
        self.files.len() + self.rows.len()
    }

    /// Job `i`, made whole.
    pub(super) fn get(&self, i: usize) -> Option<Job> {
        if let Some(place) = self.files.get(i) {
            let path = match *place {
                Place::InFolder { folder, start, end } => self
                    .folders
                    .get(folder as usize)?
                    .join(self.names.get(start as usize..end as usize)?),
                Place::Whole(index) => self.whole.get(index as usize)?.clone(),
            };
            return Some(Job::File(path));
        }
        self.rows.get(i - self.files.len()).cloned().map(Job::Row)
    }

    /// Jobs `start..start + count` (fewer at the end), made whole.
    pub(super) fn chunk(&self, start: usize, count: usize) -> Vec<Job> {
        (start..(start + count).min(self.len()))
            .filter_map(|i| self.get(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::JobList;
    use crate::run::bulk::Job;

    #[test]
    fn a_folder_s_returns_come_back_whole_in_name_order() {
        let dir = std::env::temp_dir().join(format!("hkret-jobs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        for name in ["b.yaml", "a.yml", "c.txt"] {
            std::fs::write(dir.join(name), "").expect("file");
        }
        let mut list = JobList::default();
        list.add_folder(&dir).expect("read");
        let paths: Vec<_> = list
            .chunk(0, 10)
            .into_iter()
            .map(|j| match j {
                Job::File(p) => p,
                Job::Row(_) => unreachable!("no rows"),
            })
            .collect();
        assert_eq!(paths, [dir.join("a.yml"), dir.join("b.yaml")]);
        assert!(list.get(2).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
