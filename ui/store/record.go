package store

// records is the store's record of one resource by key: what was asked
// for, what arrived, what failed, with a version that changes with every
// change so a pane redraws only then. The CI history's resources (runs,
// jobs, annotations, logs) are each one of these.
type records[K comparable, V any] struct {
	entries map[K]*entry[V]
	version int
	busy    int // entries loading
	// gens counts requests, so a generation is never given twice, even to
	// an entry forgotten and asked for again.
	gens int
}

type entry[V any] struct {
	gen     int // bumped by each request; answers to earlier ones are dropped
	version int
	loading bool
	loaded  bool
	err     string
	value   V
}

// Status is what the store has of one resource, for a pane. The zero value
// is "not asked for".
type Status[V any] struct {
	Version int
	Loading bool
	Loaded  bool
	Err     string
	Value   V
}

func newRecords[K comparable, V any]() records[K, V] {
	return records[K, V]{entries: map[K]*entry[V]{}}
}

// asked reports that k was asked for (answered, failed or on its way).
func (r *records[K, V]) asked(k K) bool { return r.entries[k] != nil }

// begin marks k as asked for again and returns the generation its answer
// must carry. What was loaded stays until the answer replaces it.
func (r *records[K, V]) begin(k K) int {
	e := r.entries[k]
	if e == nil {
		e = &entry[V]{}
		r.entries[k] = e
	}
	r.gens++
	e.gen = r.gens
	if !e.loading {
		r.busy++
	}
	e.loading = true
	r.touch(e)
	return e.gen
}

func (r *records[K, V]) touch(e *entry[V]) {
	r.version++
	e.version = r.version
}

// file takes an answer for k asked in generation gen: false when it was
// superseded. A failure keeps what was loaded before.
func (r *records[K, V]) file(k K, gen int, v V, errText string) bool {
	e := r.entries[k]
	if e == nil || e.gen != gen {
		return false
	}
	if e.loading {
		r.busy--
	}
	e.loading = false
	if errText != "" {
		e.err = errText
	} else {
		e.loaded, e.err, e.value = true, "", v
	}
	r.touch(e)
	return true
}

// forget drops k, so the next want asks for it again.
func (r *records[K, V]) forget(k K) {
	if e := r.entries[k]; e != nil && e.loading {
		r.busy--
	}
	delete(r.entries, k)
	r.version++
}

func (r records[K, V]) status(k K) Status[V] {
	e := r.entries[k]
	if e == nil {
		return Status[V]{}
	}
	return Status[V]{Version: e.version, Loading: e.loading, Loaded: e.loaded, Err: e.err, Value: e.value}
}

// fileAnswer files answer r for k into rec, counting it as the success or
// failure of its kind; an answer superseded by a later request is neither
// filed nor counted (its error is no news). Change says what to redraw.
func fileAnswer[K comparable, V any](s *Store, rec *records[K, V], k K, r Reply[V]) Change {
	if e := rec.entries[k]; e == nil || e.gen != r.Gen {
		return Change{}
	}
	errText := ""
	if r.Err != nil {
		if !s.fail(r.Key.Kind, r.Err) {
			errText = "cancelled"
		} else {
			errText = OneLine(r.Err)
		}
	} else {
		s.succeed(r.Key.Kind)
	}
	rec.file(k, r.Gen, r.Value, errText)
	return Change{Key: r.Key, Err: r.Err}
}
