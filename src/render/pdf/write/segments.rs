//! The rules of a page as few segments as draw the same picture: a table's cells each give
//! their sides, so that every inner edge comes twice and every row's top and bottom come in
//! pieces, one per cell.

/// `segments` (`[x1, y1, x2, y2]`) sorted, with the horizontal ones that share a line and
/// touch or overlap joined into one, and the vertical ones likewise; others kept as they are.
pub(super) fn merge(mut segments: Vec<[i64; 4]>) -> Vec<[i64; 4]> {
    // Each horizontal or vertical segment from its lower end, and keyed so that sorting
    // puts the segments of one line together in order along it.
    for s in &mut segments {
        if (s[1] == s[3] && s[0] > s[2]) || (s[0] == s[2] && s[1] > s[3]) {
            *s = [s[2], s[3], s[0], s[1]];
        }
    }
    segments.sort_unstable_by_key(|&[x1, y1, x2, y2]| {
        if y1 == y2 {
            (0, y1, x1, x2, 0)
        } else if x1 == x2 {
            (1, x1, y1, y2, 0)
        } else {
            (2, x1, y1, x2, y2)
        }
    });
    let mut merged: Vec<[i64; 4]> = Vec::with_capacity(segments.len());
    for s in segments {
        if let Some(last) = merged.last_mut() {
            let horizontal = s[1] == s[3] && last[1] == last[3] && s[1] == last[1];
            let vertical = s[0] == s[2] && last[0] == last[2] && s[0] == last[0] && !horizontal;
            if horizontal && s[0] <= last[2] {
                last[2] = last[2].max(s[2]);
                continue;
            }
            if vertical && s[1] <= last[3] {
                last[3] = last[3].max(s[3]);
                continue;
            }
            if *last == s {
                continue;
            }
        }
        merged.push(s);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn the_sides_of_a_row_of_cells_become_one_line_each() {
        // Two cells side by side, 0..100 and 100..250 wide, 0..20 tall, each with four sides.
        let cell = |x1: i64, x2: i64| {
            [
                [x1, 0, x2, 0],
                [x1, 20, x2, 20],
                [x1, 20, x1, 0],
                [x2, 0, x2, 20],
            ]
        };
        let mut sides = cell(0, 100).to_vec();
        sides.extend(cell(100, 250));
        let merged = merge(sides);
        assert_eq!(
            merged,
            [
                [0, 0, 250, 0],
                [0, 20, 250, 20],
                [0, 0, 0, 20],
                [100, 0, 100, 20],
                [250, 0, 250, 20]
            ]
        );
    }

    #[test]
    fn lines_apart_or_on_other_lines_stay_apart_and_slants_stay() {
        let sides = vec![
            [0, 0, 10, 0],
            [11, 0, 20, 0],
            [0, 5, 10, 5],
            [5, 0, 5, 10],
            [5, 12, 5, 20],
            [0, 0, 10, 10],
            [0, 0, 10, 10],
        ];
        assert_eq!(
            merge(sides),
            [
                [0, 0, 10, 0],
                [11, 0, 20, 0],
                [0, 5, 10, 5],
                [5, 0, 5, 10],
                [5, 12, 5, 20],
                [0, 0, 10, 10]
            ]
        );
    }

    #[test]
    fn overlapping_pieces_join_whichever_way_they_were_given() {
        assert_eq!(merge(vec![[30, 7, 10, 7], [0, 7, 20, 7]]), [[0, 7, 30, 7]]);
        assert_eq!(merge(vec![[4, 9, 4, 2], [4, 0, 4, 3]]), [[4, 0, 4, 9]]);
    }
}
