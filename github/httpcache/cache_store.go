package httpcache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// The cache keeps one file per response: <dir>/v1/<2 hex>/<key>.entry.
// Each file is written whole to a temp file in the same directory, synced
// and renamed over the old one, so a reader (or a process killed mid-write)
// only ever sees a complete old file or a complete new one. A temp file
// left by a writer that died (kill -9) still takes room: it counts towards
// the cap, and the next start removes it once it is older than tempMaxAge.
//
// File layout (big-endian):
//
//	magic [8]byte | metaLen uint32 | bodyLen uint64 | meta JSON | body | CRC-32C uint32
//
// The CRC covers everything before it; a file whose magic, lengths or CRC
// do not add up is treated as absent and replaced.

const (
	entryMagic   = "PRSCOPE\x01"
	entryExt     = ".entry"
	tempPrefix   = ".tmp-"
	storeVersion = "v1"
	maxMetaBytes = 1 << 20
	// tempMaxAge: a temp file older than this belongs to no live writer (a
	// write takes milliseconds); a younger one may be another prscope's
	// write in progress, so it is counted but left alone.
	tempMaxAge = time.Minute
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// cacheEntry is one stored response.
type cacheEntry struct {
	Key    string      `json:"key"` // the file's name, checked on read
	Status int         `json:"status"`
	Header http.Header `json:"header"` // only storedHeaders: never Authorization
	Stored time.Time   `json:"stored"` // when last fetched or revalidated
	Body   []byte      `json:"-"`
}

// storedHeaders are the response headers worth keeping. Rate-limit
// headers are kept under the guard's names (X-Prscope-RateLimit-*) so a
// cached copy can never make go-github believe the limit is used up.
var storedHeaders = []string{
	"Etag", "Last-Modified", "Link", "Date", "Cache-Control", "Content-Type",
	"X-Prscope-Ratelimit-Limit", "X-Prscope-Ratelimit-Remaining", "X-Prscope-Ratelimit-Reset",
	"X-Prscope-Ratelimit-Used", "X-Prscope-Ratelimit-Resource",
}

// keepHeaders copies from h the headers worth storing.
func keepHeaders(dst, h http.Header) {
	for k, vs := range h {
		name := guardedHeaderName(http.CanonicalHeaderKey(k))
		if slices.Contains(storedHeaders, name) && len(vs) > 0 {
			dst[name] = slices.Clone(vs)
		}
	}
}

func (e *cacheEntry) encode() ([]byte, error) {
	meta, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 0, len(entryMagic)+12+len(meta)+len(e.Body)+4)
	buf = append(buf, entryMagic...)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(meta)))
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(e.Body)))
	buf = append(buf, meta...)
	buf = append(buf, e.Body...)
	return binary.BigEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli)), nil
}

var errCorruptEntry = errors.New("corrupt cache entry")

func decodeEntry(data []byte, key string) (*cacheEntry, error) {
	const head = len(entryMagic) + 12
	if len(data) < head+4 || string(data[:len(entryMagic)]) != entryMagic {
		return nil, errCorruptEntry
	}
	metaLen := uint64(binary.BigEndian.Uint32(data[len(entryMagic):]))
	bodyLen := binary.BigEndian.Uint64(data[len(entryMagic)+4:])
	if metaLen > maxMetaBytes || bodyLen > uint64(len(data)) || uint64(head)+metaLen+bodyLen+4 != uint64(len(data)) {
		return nil, errCorruptEntry
	}
	sumAt := len(data) - 4
	if crc32.Checksum(data[:sumAt], castagnoli) != binary.BigEndian.Uint32(data[sumAt:]) {
		return nil, errCorruptEntry
	}
	e := &cacheEntry{}
	if err := json.Unmarshal(data[head:head+int(metaLen)], e); err != nil || e.Key != key || e.Header == nil {
		return nil, errCorruptEntry
	}
	e.Body = data[head+int(metaLen) : sumAt]
	return e, nil
}

// fileStore is the directory of entries. It is safe for concurrent use,
// and for several processes sharing the directory (each write is atomic;
// the size estimate is per process and corrected on every eviction scan).
type fileStore struct {
	root     string // <dir>/v1
	maxBytes int64
	now      func() time.Time

	mu    sync.Mutex
	bytes int64 // estimated total size of the entries
}

func openStore(dir string, maxBytes int64, now func() time.Time) (*fileStore, error) {
	s := &fileStore{root: filepath.Join(dir, storeVersion), maxBytes: maxBytes, now: now}
	if err := os.MkdirAll(s.root, 0o700); err != nil {
		return nil, err
	}
	files, temps, err := s.walk(true)
	if err != nil {
		return nil, err
	}
	s.bytes = temps + totalSize(files)
	return s, nil
}

func (s *fileStore) path(key string) string {
	return filepath.Join(s.root, key[:2], key+entryExt)
}

// load returns the entry for key, or false when there is none or it is
// unreadable (a corrupt file is removed so that it stops taking room).
func (s *fileStore) load(key string) (*cacheEntry, bool) {
	p := s.path(key)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	e, err := decodeEntry(data, key)
	if err != nil {
		_ = os.Remove(p)
		return nil, false
	}
	return e, true
}

// touch marks key used now, for least-recently-used eviction.
func (s *fileStore) touch(key string) {
	now := s.now()
	_ = os.Chtimes(s.path(key), now, now)
}

// save writes e atomically, then evicts if the store outgrew its cap. An
// entry larger than the whole cap is not kept.
func (s *fileStore) save(e *cacheEntry) error {
	data, err := e.encode()
	if err != nil {
		return err
	}
	if int64(len(data)) > s.maxBytes {
		return nil
	}
	p := s.path(e.Key)
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	var old int64
	if fi, err := os.Stat(p); err == nil {
		old = fi.Size()
	}
	if err := writeAtomic(dir, p, data); err != nil {
		return err
	}
	s.touch(e.Key)
	s.mu.Lock()
	s.bytes += int64(len(data)) - old
	over := s.bytes > s.maxBytes
	s.mu.Unlock()
	if over {
		return s.evict()
	}
	return nil
}

// writeAtomic writes data to a temp file in dir (created 0600), syncs it
// and renames it to p.
func writeAtomic(dir, p string, data []byte) error {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

type storedFile struct {
	path string
	size int64
	used time.Time
}

// walk lists the entry files, and sums the size of the temp files. With
// sweep, temp files left by a writer that died (older than tempMaxAge by
// the store's clock) are removed on the way and not counted.
func (s *fileStore) walk(sweep bool) (files []storedFile, tempBytes int64, err error) {
	err = filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		switch name := d.Name(); {
		case strings.HasPrefix(name, tempPrefix):
			if sweep && s.now().Sub(info.ModTime()) > tempMaxAge {
				if err := os.Remove(p); err == nil || errors.Is(err, fs.ErrNotExist) {
					return nil
				}
			}
			tempBytes += info.Size()
		case strings.HasSuffix(name, entryExt):
			files = append(files, storedFile{path: p, size: info.Size(), used: info.ModTime()})
		}
		return nil
	})
	return files, tempBytes, err
}

func totalSize(files []storedFile) int64 {
	var total int64
	for _, f := range files {
		total += f.size
	}
	return total
}

// evict removes the least recently used entries until the store fits its cap.
func (s *fileStore) evict() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	files, temps, err := s.walk(false)
	if err != nil {
		return err
	}
	// Temp files take room too; only entries can be evicted for it.
	total := temps + totalSize(files)
	slices.SortFunc(files, func(a, b storedFile) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= s.maxBytes {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	s.bytes = total
	return nil
}

func (s *fileStore) stats() (entries int, size int64, err error) {
	files, _, err := s.walk(false)
	return len(files), totalSize(files), err
}

// clear removes every entry (and any temp file), keeping the directory.
func (s *fileStore) clear() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.RemoveAll(s.root); err != nil {
		return err
	}
	s.bytes = 0
	return os.MkdirAll(s.root, 0o700)
}
