{{- define "pathlight.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "pathlight.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "pathlight.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pathlight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "pathlight.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "pathlight.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* config.json: the sources without their headers (those go to the Secret). */}}
{{- define "pathlight.configJson" -}}
{{- $sources := list }}
{{- range .Values.sources }}
{{- $sources = append $sources (omit . "headers") }}
{{- end }}
{{- $config := dict "sources" $sources }}
{{- if .Values.linkPatterns }}
{{- $_ := set $config "linkPatterns" .Values.linkPatterns }}
{{- end }}
{{- $config | toPrettyJson }}
{{- end }}

{{/* headers.json for the chart's own Secret: {"<id>": {...}} for sources that set headers. */}}
{{- define "pathlight.headersJson" -}}
{{- $headers := dict }}
{{- range .Values.sources }}
{{- if .headers }}
{{- $_ := set $headers .id .headers }}
{{- end }}
{{- end }}
{{- $headers | toJson }}
{{- end }}

{{/* The Secret the pod mounts headers.json from, or "" when there are no headers. */}}
{{- define "pathlight.headersSecretName" -}}
{{- if .Values.headersSecret }}
{{- .Values.headersSecret }}
{{- else if ne (include "pathlight.headersJson" .) "{}" }}
{{- include "pathlight.fullname" . }}-headers
{{- end }}
{{- end }}

{{/*
basePath as "/a/b" (leading slash, none trailing), or "" for the root; the schema checks its alphabet.
*/}}
{{- define "pathlight.basePath" -}}
{{- $p := trimAll "/" (.Values.basePath | default "") -}}
{{- if $p }}/{{ $p }}{{ end -}}
{{- end }}
