#!/usr/bin/env bash
# One-shot setup of the secured Elasticsearch in docker-compose.yml, run in the Elasticsearch
# image: a CA and certificates for Elasticsearch and Kibana, the kibana_system password, and
# an API key for the ETL limited to its own indices (tarjama-etl-role.json), written to the
# certs volume where the Airflow connection reads it. Every secret comes from .env.
set -euo pipefail
: "${ELASTIC_PASSWORD:?set ELASTIC_PASSWORD in .env}"
: "${KIBANA_PASSWORD:?set KIBANA_PASSWORD in .env}"
certs=/usr/share/elasticsearch/config/certs
if [ ! -f "$certs/ca.zip" ]; then
  bin/elasticsearch-certutil ca --silent --pem -out "$certs/ca.zip"
  unzip -q "$certs/ca.zip" -d "$certs"
fi
if [ ! -f "$certs/certs.zip" ]; then
  cat > "$certs/instances.yml" <<INSTANCES
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
  - name: kibana
    dns: [kibana, localhost]
    ip: [127.0.0.1]
INSTANCES
  bin/elasticsearch-certutil cert --silent --pem -out "$certs/certs.zip" --in "$certs/instances.yml" \
    --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key"
  unzip -q "$certs/certs.zip" -d "$certs"
fi
chown -R 1000:0 "$certs"
find "$certs" -type d -exec chmod 750 {} \; && find "$certs" -type f -exec chmod 640 {} \;

es() { curl -s --cacert "$certs/ca/ca.crt" -u "elastic:${ELASTIC_PASSWORD}" -H 'Content-Type: application/json' "$@"; }
until es https://elasticsearch:9200 | grep -q "You Know, for Search"; do sleep 5; done
until es -X POST https://elasticsearch:9200/_security/user/kibana_system/_password \
  -d "{\"password\":\"${KIBANA_PASSWORD}\"}" | grep -q '^{}$'; do sleep 5; done
es -X PUT https://elasticsearch:9200/_security/role/tarjama_etl -d @/usr/share/tarjama/tarjama-etl-role.json >/dev/null
if [ ! -s "$certs/tarjama-etl.api_key" ]; then
  # An API key's role descriptor takes no "description" (400: unexpected field): the role without it.
  es -X POST https://elasticsearch:9200/_security/api_key -d @- <<KEY |
{"name": "tarjama-etl", "role_descriptors": {"tarjama_etl": $(sed '/"description"/d' /usr/share/tarjama/tarjama-etl-role.json)}}
KEY
    sed -n 's/.*"encoded":"\([^"]*\)".*/\1/p' > "$certs/tarjama-etl.api_key"
  test -s "$certs/tarjama-etl.api_key" || { echo "es-setup: could not create the ETL API key" >&2; exit 1; }
  chmod 640 "$certs/tarjama-etl.api_key"
fi
echo "es-setup: certificates, kibana_system password and the ETL API key are ready"
