package github

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWorkQueueBoundsAndOrders: at most n run at once, items are taken in
// the order pushed (also while they keep coming), and stop leaves the
// rest untaken.
func TestWorkQueueBoundsAndOrders(t *testing.T) {
	var running, most atomic.Int32
	var mu sync.Mutex
	var taken []int
	q := newWorkQueue(3, func(i int) {
		mu.Lock()
		taken = append(taken, i)
		mu.Unlock()
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
	})
	q.push(0, 1, 2, 3, 4)
	q.push(5, 6, 7, 8, 9)
	q.close()
	q.wait()
	if most.Load() > 3 || most.Load() < 2 {
		t.Errorf("%d at once, want 2..3", most.Load())
	}
	if len(taken) != 10 {
		t.Fatalf("taken %v", taken)
	}
	// Taken in order: each of the first three was started before any later one.
	if !slices.Contains(taken[:3], 0) || !slices.Contains(taken[:3], 1) || !slices.Contains(taken[:3], 2) {
		t.Errorf("taken out of order: %v", taken)
	}

	var done atomic.Int32
	stopped := newWorkQueue(1, func(int) { done.Add(1); time.Sleep(5 * time.Millisecond) })
	stopped.push(1, 2, 3, 4)
	time.Sleep(time.Millisecond)
	stopped.stop()
	stopped.wait()
	if n := done.Load(); n == 0 || n == 4 {
		t.Errorf("after stop %d of 4 ran, want the one running to end and the rest untaken", n)
	}
}
