//! The list of a bulk run's jobs, kept compact: a folder of 100,000 returns is its folder's path
//! once and the file names one after another in one string, each file a range of it (about 25
//! bytes a file, where a path each took about 100). Jobs are made whole a chunk at a time, as the
//! run reaches them.

use std::path::{Path, PathBuf};

use crate::bulk::table::Row;
use crate::error::Error;
use crate::run::bulk::{BulkOptions, Job};

/// Where a file job's path is: `names[start..end]` in the folder of its job, or, when `start`
/// is [`WHOLE`], `whole[end]` (given as a file, or a name that is not UTF-8).
type Place = (u32, u32);

/// The `start` of a [`Place`] kept whole.
const WHOLE: u32 = u32::MAX;

/// Every job of a run, in input order: the files, then the data rows.
#[derive(Default)]
pub(super) struct JobList {
    /// The folders given, each with the first job of its files.
    folders: Vec<(usize, PathBuf)>,
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
                list.files.push((WHOLE, small(list.whole.len())));
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
        self.folders.push((self.files.len(), dir.to_path_buf()));
        // Each file as a range of `names`, or (`WHOLE`, i) for `whole[i]` (not UTF-8).
        let mut found: Vec<Place> = Vec::new();
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
                    found.push((WHOLE, small(self.whole.len())));
                    self.whole.push(dir.join(path));
                }
            }
        }
        // In name order, byte by byte, as the paths of one folder sort.
        let (names, whole) = (&self.names, &self.whole);
        let bytes = |&(start, end): &Place| -> &[u8] {
            if start == WHOLE {
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
        self.files.extend(found);
        self.names.shrink_to_fit();
        Ok(())
    }

    /// How many jobs there are.
    pub(super) fn len(&self) -> usize {
        self.files.len() + self.rows.len()
    }

    /// Job `i`, made whole.
    pub(super) fn get(&self, i: usize) -> Option<Job> {
        if let Some(&(start, end)) = self.files.get(i) {
            let path = if start == WHOLE {
                self.whole.get(end as usize)?.clone()
            } else {
                // The folder of job `i`: the last whose files start at or before it.
                let folder = self.folders.partition_point(|(first, _)| *first <= i);
                let (_, dir) = self.folders.get(folder.checked_sub(1)?)?;
                dir.join(self.names.get(start as usize..end as usize)?)
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
    use std::path::PathBuf;

    use super::JobList;
    use crate::run::bulk::Job;

    /// The paths of a list of files' first jobs, made whole.
    fn paths(list: &JobList) -> Vec<PathBuf> {
        list.chunk(0, 10)
            .into_iter()
            .map(|j| match j {
                Job::File(p) => p,
                Job::Row(_) => unreachable!("no rows"),
            })
            .collect()
    }

    #[test]
    fn a_folder_s_returns_come_back_whole_in_name_order() {
        let dir = std::env::temp_dir().join(format!("hkret-jobs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        for name in ["b.yaml", "a.yml", "c.txt"] {
            std::fs::write(dir.join(name), "").expect("file");
        }
        let mut list = JobList::default();
        list.add_folder(&dir).expect("read");
        let paths = paths(&list);
        assert_eq!(paths, [dir.join("a.yml"), dir.join("b.yaml")]);
        assert!(list.get(2).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn files_and_folders_given_in_turn_keep_their_order_and_their_folders() {
        let dir = std::env::temp_dir().join(format!("hkret-jobs-mixed-{}", std::process::id()));
        for (folder, name) in [("one", "x.yaml"), ("two", "y.yaml"), ("two", "z.yaml")] {
            std::fs::create_dir_all(dir.join(folder)).expect("dir");
            std::fs::write(dir.join(folder).join(name), "").expect("file");
        }
        let given = ["a.yaml", "one", "b.yaml", "two", "c.yaml"].map(|p| dir.join(p));
        let options = crate::run::bulk::BulkOptions {
            inputs: given.to_vec(),
            ..crate::run::bulk::tests::options(Vec::new(), dir.join("out"), false)
        };
        let list = JobList::new(&options, Vec::new()).expect("listed");
        let paths = paths(&list);
        let want = [
            "a.yaml",
            "one/x.yaml",
            "b.yaml",
            "two/y.yaml",
            "two/z.yaml",
            "c.yaml",
        ];
        assert_eq!(paths, want.map(|p| dir.join(p)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
