package detail

// heights holds each item's height in lines as a Fenwick tree, so the
// first line of an item, and the item holding a given line, are found in
// O(log n), and one item's height changes in O(log n): expanding one event
// of a 50,000-event timeline costs that event, not the timeline.
type heights struct {
	h    []int // each item's height
	tree []int // 1-based Fenwick tree over h
}

// reset replaces every height, in O(n).
func (t *heights) reset(h []int) {
	t.h = h
	t.tree = make([]int, len(h)+1)
	for i, v := range h {
		t.tree[i+1] += v
		if parent := (i + 1) + ((i + 1) & -(i + 1)); parent <= len(h) {
			t.tree[parent] += t.tree[i+1]
		}
	}
}

func (t *heights) len() int { return len(t.h) }

// get is item i's height.
func (t *heights) get(i int) int { return t.h[i] }

// set changes item i's height.
func (t *heights) set(i, v int) {
	delta := v - t.h[i]
	if delta == 0 {
		return
	}
	t.h[i] = v
	for k := i + 1; k < len(t.tree); k += k & -k {
		t.tree[k] += delta
	}
}

// push adds an item at the end.
func (t *heights) push(v int) {
	t.h = append(t.h, v)
	k := len(t.h)
	// tree[k] covers items (k-lowbit(k), k]: v plus the ones before it.
	t.tree = append(t.tree, v+t.offset(k-1)-t.offset(k-(k&-k)))
}

// truncate drops the items from n on.
func (t *heights) truncate(n int) {
	t.h = t.h[:n]
	t.tree = t.tree[:n+1]
}

// offset is the first line of item i: the sum of the heights before it.
// offset(len) is the total.
func (t *heights) offset(i int) int {
	sum := 0
	for k := i; k > 0; k -= k & -k {
		sum += t.tree[k]
	}
	return sum
}

func (t *heights) total() int { return t.offset(len(t.h)) }

// find returns the item holding line y: the last item whose first line is
// at or before y (items of height zero are skipped over). Lines past the
// end give the last item.
func (t *heights) find(y int) int {
	if len(t.h) == 0 {
		return 0
	}
	pos, rest := 0, y
	step := 1
	for step*2 <= len(t.h) {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if next := pos + step; next <= len(t.h) && t.tree[next] <= rest {
			pos = next
			rest -= t.tree[next]
		}
	}
	return min(pos, len(t.h)-1)
}
