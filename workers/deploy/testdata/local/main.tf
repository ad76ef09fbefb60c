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
}

# Arrives through the environment (TF_VAR_echo), the way the runner passes credentials.
variable "echo" {
  type    = string
  default = ""
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
