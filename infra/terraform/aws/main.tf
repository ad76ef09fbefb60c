locals {
  mqtt_tls_port = 8883
  mqtt_wss_port = 8884
  https_port    = 443

  # Reachable from anywhere: nodes and browsers connect from wherever they are. SSH is not in this map.
  public_ports = {
    mqtt-tls = local.mqtt_tls_port
    mqtt-wss = local.mqtt_wss_port
    https    = local.https_port
  }
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"] # Canonical

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

resource "aws_security_group" "server" {
  name_prefix = "swarm-${var.swarm_id}-"
  description = "Swarm ${var.swarm_id}: MQTT over TLS and WebSockets, HTTPS, SSH from ${var.ssh_cidr} only"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "public" {
  for_each = local.public_ports

  security_group_id = aws_security_group.server.id
  description       = each.key
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.server.id
  description       = "ssh"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = var.ssh_cidr
}

# Outbound for apt, nodejs.org and npm at boot.
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.server.id
  description       = "all outbound"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_key_pair" "ssh" {
  count = var.ssh_public_key == null ? 0 : 1

  key_name_prefix = "swarm-${var.swarm_id}-"
  public_key      = var.ssh_public_key
}

# Allocated before the instance, so its address can go into the server certificate at boot.
resource "aws_eip" "server" {
  domain = "vpc"
}

resource "aws_instance" "server" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.server.id]
  key_name               = var.ssh_public_key == null ? null : aws_key_pair.ssh[0].key_name

  # The auto-destroy timer shuts the machine down; "terminate" turns that into the instance's end.
  instance_initiated_shutdown_behavior = var.auto_destroy_hours > 0 ? "terminate" : "stop"

  user_data_replace_on_change = true
  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    swarm_id           = var.swarm_id
    server_ip          = aws_eip.server.public_ip
    node_credentials   = var.node_credentials
    aggregator_token   = var.aggregator_token
    aggregator_package = var.aggregator_package
    node_version       = var.node_version
    auto_destroy_hours = var.auto_destroy_hours
    mqtt_tls_port      = local.mqtt_tls_port
    mqtt_wss_port      = local.mqtt_wss_port
  })

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 16
    volume_type = "gp3"
    encrypted   = true
  }

  tags = {
    Name = "swarm-${var.swarm_id}"
  }
}

resource "aws_eip_association" "server" {
  instance_id   = aws_instance.server.id
  allocation_id = aws_eip.server.id
}
