# A module the deploy runner tests drive for real: only the built-in terraform_data resource, so init needs no
# provider download and no network.
terraform {
  required_version = ">= 1.4.0"
}

variable "greeting" {
  type = string
}

variable "api_token" {
  type      = string
  sensitive = true

  # A failed validation makes terraform quote the variables file's line, token included.
  validation {
    condition     = !endswith(var.api_token, "!")
    error_message = "api_token must not end with an exclamation mark."
  }
}

# Arrives through the environment (TF_VAR_echo), the way the runner passes credentials.
variable "echo" {
  type    = string
  default = ""
}

# When set, a provisioner tries a TCP connection to this port on 127.0.0.1 (a server the test runs on the host).
variable "probe_port" {
  type    = number
  default = 0
}

# When true, a provisioner prints a line and waits (up to 30 s) for the test to answer it with a file: that only
# works if the line reaches the test while terraform is still running.
variable "handshake" {
  type    = bool
  default = false
}

variable "fail_apply" {
  type    = bool
  default = false
}

resource "terraform_data" "server" {
  input = var.greeting

  # Prints the credential and shows whether host files are visible where terraform runs.
  provisioner "local-exec" {
    command = "echo \"credential is $TF_VAR_echo\"; if test -r /etc/passwd; then echo host-files-visible; else echo host-files-hidden; fi"
  }
}

resource "terraform_data" "flaky" {
  count      = var.fail_apply ? 1 : 0
  depends_on = [terraform_data.server]

  provisioner "local-exec" {
    command = "echo 'the flaky step failed on purpose' >&2; exit 1"
  }
}

resource "terraform_data" "network_probe" {
  count = var.probe_port > 0 ? 1 : 0

  provisioner "local-exec" {
    interpreter = ["bash", "-c"]
    command     = "if echo ping 2>/dev/null >/dev/tcp/127.0.0.1/${var.probe_port}; then echo host-network-reachable; else echo host-network-unreachable; fi; if test -r /etc/ssl/certs/ca-certificates.crt; then echo ca-bundle-visible; fi"
  }
}

resource "terraform_data" "handshake" {
  count      = var.handshake ? 1 : 0
  depends_on = [terraform_data.server]

  provisioner "local-exec" {
    command = "echo waiting-for-answer; i=0; while [ ! -e answer ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; if [ -e answer ]; then echo answered-live; else echo never-answered; exit 1; fi"
  }
}

output "server_url" {
  value = "http://local.test/${terraform_data.server.output}"
}

output "echo" {
  value = var.echo
}

output "token" {
  value     = var.api_token
  sensitive = true
}
