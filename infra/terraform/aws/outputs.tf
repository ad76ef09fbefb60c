output "server_ip" {
  description = "The server's Elastic IP."
  value       = aws_eip.server.public_ip
}

output "server_url" {
  description = "The aggregator's HTTPS address (self-signed certificate; its CA is at /ca.crt)."
  value       = "https://${aws_eip.server.public_ip}"
}

output "mqtt_host" {
  description = "Where nodes connect over MQTT."
  value       = aws_eip.server.public_ip
}

output "mqtt_port" {
  description = "MQTT over TLS."
  value       = local.mqtt_tls_port
}

output "mqtt_ws_url" {
  description = "MQTT over secure WebSockets."
  value       = "wss://${aws_eip.server.public_ip}:${local.mqtt_wss_port}/mqtt"
}

output "swarm_id" {
  description = "The swarm id the topics are named after."
  value       = var.swarm_id
}
