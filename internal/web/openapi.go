package web

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// openAPIYAML is the OpenAPI 3.1 document of the API, written in YAML to be readable.
//
//go:embed openapi.yaml
var openAPIYAML []byte

// openAPIJSON converts the embedded OpenAPI document to JSON, as /api/openapi.json serves it.
func openAPIJSON() ([]byte, error) {
	var doc any
	if err := yaml.Unmarshal(openAPIYAML, &doc); err != nil {
		return nil, fmt.Errorf("web: parse openapi.yaml: %w", err)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("web: openapi.yaml to JSON: %w", err)
	}
	return out, nil
}
