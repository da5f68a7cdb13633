package toolinfo

// BOM is a CycloneDX 1.5 bill of materials (JSON), the subset sightline
// fills. It has no serial number and no timestamp so that the same binary
// always yields the same SBOM; the commit time stands for when.
type BOM struct {
	Format      string      `json:"bomFormat"`
	SpecVersion string      `json:"specVersion"`
	Version     int         `json:"version"`
	Metadata    BOMMetadata `json:"metadata"`
	Components  []Component `json:"components"`
}

// BOMMetadata names the binary the BOM describes.
type BOMMetadata struct {
	Component  Component  `json:"component"`
	Properties []Property `json:"properties,omitempty"`
}

// Component is one module (or the binary itself).
type Component struct {
	Type       string     `json:"type"`
	BOMRef     string     `json:"bom-ref"`
	Name       string     `json:"name"`
	Version    string     `json:"version"`
	PURL       string     `json:"purl,omitempty"`
	Properties []Property `json:"properties,omitempty"`
}

// Property is a name/value pair; the go.sum checksum travels as one,
// because it is a hash of a module tree, not of one file, and CycloneDX's
// hash field means the latter.
type Property struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// CycloneDX turns info into a CycloneDX 1.5 SBOM.
func CycloneDX(info Info) BOM {
	main := Component{
		Type: "application", BOMRef: "sightline", Name: "sightline", Version: info.Version,
		Properties: []Property{{Name: "vcs:revision", Value: info.Commit}, {Name: "go:version", Value: info.GoVersion}},
	}
	if info.Time != "" {
		main.Properties = append(main.Properties, Property{Name: "vcs:time", Value: info.Time})
	}
	var meta []Property
	for _, k := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "-trimpath", "-ldflags", "-tags"} {
		if v, ok := info.Settings[k]; ok {
			meta = append(meta, Property{Name: "go:build:" + k, Value: v})
		}
	}
	bom := BOM{Format: "CycloneDX", SpecVersion: "1.5", Version: 1,
		Metadata: BOMMetadata{Component: main, Properties: meta}, Components: []Component{}}
	for _, m := range info.Modules {
		if m.Replace != nil {
			m = *m.Replace // what was linked is the replacement
		}
		c := Component{Type: "library", BOMRef: m.Path + "@" + m.Version, Name: m.Path, Version: m.Version,
			PURL: "pkg:golang/" + m.Path + "@" + m.Version}
		if m.Sum != "" {
			c.Properties = []Property{{Name: "go:sum", Value: m.Sum}}
		}
		bom.Components = append(bom.Components, c)
	}
	return bom
}
