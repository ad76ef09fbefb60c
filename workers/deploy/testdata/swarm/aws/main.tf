# Stands in for infra/terraform/aws in tests (DEPLOY_TERRAFORM_TARGETS_DIR=workers/deploy/testdata/swarm): the
# same variables and outputs, but only built-in terraform_data resources, so it runs with no provider download,
# no network and no AWS account.
terraform {
  required_version = ">= 1.4.0"
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "ssh_cidr" {
  type = string
}

variable "swarm_id" {
  type = string
}

variable "node_credentials" {
  type      = map(string)
  sensitive = true
}

variable "aggregator_token" {
  type      = string
  sensitive = true
}

variable "aggregator_package" {
  type = string
}

# Test-only inputs, set by the worker's own configuration (never by the app): where the stand-in aggregator
# listens, and whether the apply fails halfway (after the server resource exists).
variable "server_url" {
  type    = string
  default = "http://127.0.0.1:9"
}

variable "fail_apply" {
  type    = bool
  default = false
}

# When true, the apply stays in a provisioner for a minute after the server resource exists: a test cancels it there.
variable "slow_apply" {
  type    = bool
  default = false
}

resource "terraform_data" "server" {
  input = "swarm-${var.swarm_id}"

  # The AWS credentials reach terraform through its environment; this line shows the log redacts them.
  provisioner "local-exec" {
    command = "echo \"server up in ${var.region}; credential check: $AWS_SECRET_ACCESS_KEY\""
  }
}

# Like the real module's user data: the node passwords and the token end up in the state.
resource "terraform_data" "broker_logins" {
  input = { passwords = var.node_credentials, token = var.aggregator_token }
}

resource "terraform_data" "flaky" {
  count      = var.fail_apply ? 1 : 0
  depends_on = [terraform_data.server]

  provisioner "local-exec" {
    command = "echo 'aggregator-did-not-start' >&2; exit 1"
  }
}

resource "terraform_data" "slow" {
  count      = var.slow_apply ? 1 : 0
  depends_on = [terraform_data.server]

  provisioner "local-exec" {
    command = "echo slow-step-started; sleep 60"
  }
}

output "server_ip" {
  value = "127.0.0.1"
}

output "server_url" {
  value = var.server_url
}

output "mqtt_host" {
  value = "127.0.0.1"
}

output "mqtt_port" {
  value = 8883
}

output "mqtt_ws_url" {
  value = "wss://127.0.0.1:8884/mqtt"
}

output "swarm_id" {
  value = var.swarm_id
}
