// Package strtab holds many short strings, such as the ids of a million articles, without
// pointers: their bytes in one array and their ends in another, so that the garbage
// collector's mark phase never visits them, however many there are. A []string or a
// map[string]T of a million ids is a million objects for every collection to mark.
package strtab

import "hash/maphash"

// Strings is an append-only list of strings. The zero value is empty and ready to use.
type Strings struct {
	data []byte
	ends []int // string i is data[ends[i-1]:ends[i]]
}

// Add appends s and returns its number: 0 for the first string, 1 for the next, ...
func (t *Strings) Add(s string) int {
	t.data = append(t.data, s...)
	t.ends = append(t.ends, len(t.data))
	return len(t.ends) - 1
}

// Len returns the number of strings added.
func (t *Strings) Len() int { return len(t.ends) }

// bytes returns the bytes of string i, which the caller must not keep or change.
func (t *Strings) bytes(i int) []byte {
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.data[start:t.ends[i]]
}

// At returns string i (a copy).
func (t *Strings) At(i int) string { return string(t.bytes(i)) }

// Is reports whether string i is s, without a copy.
func (t *Strings) Is(i int, s string) bool { return string(t.bytes(i)) == s }

// Less reports whether string i sorts before string j, without a copy.
func (t *Strings) Less(i, j int) bool { return string(t.bytes(i)) < string(t.bytes(j)) }

// Bytes returns the memory t holds: its arrays' capacities.
func (t *Strings) Bytes() int64 { return int64(cap(t.data)) + 8*int64(cap(t.ends)) }

// Set is a Strings that finds a string's number: a map from a 64-bit hash of each string to
// its newest number, and a chain of the earlier numbers of the same hash, each checked
// against the string's bytes, so that two strings of equal hash are told apart. The zero
// value is empty and ready to use.
type Set struct {
	Strings
	heads map[uint64]int32 // hash -> newest number of the hash plus one
	next  []int32          // next[i]: the number before i of the same hash, plus one; 0 ends
	seed  maphash.Seed
	hash  func(maphash.Seed, string) uint64 // nil for maphash.String; tests force collisions
}

// Find returns the number of s and true, or -1 and false when s was not added.
func (t *Set) Find(s string) (int, bool) {
	if t.heads == nil {
		return -1, false
	}
	for e := t.heads[t.sum(s)]; e != 0; e = t.next[e-1] {
		if t.Is(int(e-1), s) {
			return int(e - 1), true
		}
	}
	return -1, false
}

// Add adds s if it is not in t, and returns its number and whether it was added.
func (t *Set) Add(s string) (int, bool) {
	if i, ok := t.Find(s); ok {
		return i, false
	}
	if t.heads == nil {
		t.heads, t.seed = map[uint64]int32{}, maphash.MakeSeed()
	}
	h := t.sum(s)
	i := t.Strings.Add(s)
	t.next = append(t.next, t.heads[h])
	t.heads[h] = int32(i + 1)
	return i, true
}

func (t *Set) sum(s string) uint64 {
	if t.hash != nil {
		return t.hash(t.seed, s)
	}
	return maphash.String(t.seed, s)
}

// Bytes returns the memory t holds, as Strings.Bytes does, with its hash map at mapKeyBytes a
// key.
func (t *Set) Bytes() int64 {
	return t.Strings.Bytes() + 4*int64(cap(t.next)) + mapKeyBytes*int64(len(t.heads))
}

// mapKeyBytes bounds what a key of a map[uint64]int32 takes: 23 to 38 bytes, by how full its
// tables are since they last doubled (Go 1.26; see stories.Table's headsKeyBytes). With 40,
// TestSetHeap found the set 1% over Bytes at 7,500 strings (41 bytes a key): 48 leaves room.
const mapKeyBytes = 48
